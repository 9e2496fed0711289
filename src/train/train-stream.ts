import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { filter, identity, Observable, type MonoTypeOperatorFunction } from 'rxjs';
import { initBackend } from '../backend/init-backend.js';
import { assertBatchFitsDevice } from '../backend/webgpu-batch-limit.js';
import { parameterGroups } from '../models/parameter-groups.js';
import { checkpoint } from './checkpoint.js';
import { configRecord, resolveConfig, type ResolvedConfig, type TrainConfig } from './config.js';
import { seedLoaders } from './default-data.js';
import { buildModel } from './default-model.js';
import { earlyStopping } from './early-stopping.js';
import { featureMapsOnDone } from './feature-maps-on-done.js';
import { ConfigError } from './errors.js';
import type { TrainEvent } from './events.js';
import { fit } from './fit.js';
import { reduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { resumeRun } from './resume.js';
import { RunContext } from './run-context.js';
import { sgd } from './sgd.js';
import { stepLR } from './step-lr.js';
import { timestamped } from './timestamped.js';
import { validate } from './validate.js';

/**
 * The seed's whole script as one cold observable. The configuration is checked now (a bad key
 * throws `ConfigError` before any work); subscribing selects the backend, builds the model and the
 * loaders, resumes if asked, and trains; unsubscribing stops and frees the model and every tensor.
 */
export function trainStream(config: TrainConfig): Observable<TrainEvent> {
  const resolved = resolveConfig(config);
  return new Observable<TrainEvent>((subscriber) => {
    let closed = false;
    let run: PreparedRun | undefined;
    const abort = new AbortController();
    prepare(resolved, abort.signal).then(
      (prepared) => {
        run = prepared;
        if (closed) return prepared.dispose();
        subscriber.add(prepared.events$.subscribe(subscriber));
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => {
      closed = true;
      abort.abort();
      run?.dispose();
    };
  });
}

interface PreparedRun {
  readonly events$: Observable<TrainEvent>;
  dispose(): void;
}

async function prepare(config: ResolvedConfig, signal: AbortSignal): Promise<PreparedRun> {
  await initBackend({ backend: config.backend });
  const loaders = typeof config.data === 'string' ? await seedLoaders(config.data, config) : config.data;
  const classes = await loaders.train.classes();
  if (classes.length !== config.numClasses) {
    throw new ConfigError('numClasses', `${classes.length}, the training data's classes (${classes.join(', ')})`, config.numClasses);
  }
  const model = await buildModel(config, signal);
  let context: RunContext | undefined;
  const dispose = (): void => {
    context?.dispose();
    model.dispose();
  };
  try {
    assertBatchesFit(model, config);
    context = new RunContext({ model, optimizer: optimizerFor(model, config), seed: config.seed, config: { ...configRecord(config), classes } });
    const checkpoints = config.outDir === undefined ? undefined : join(config.outDir, 'checkpoints');
    if (config.resume !== undefined) await resumeRun(context, config.resume, checkpoints);
    const events$ = fit(context, loaders.train, { epochs: config.epochs, maxSteps: config.maxIterations }).pipe(
      lrSchedule(context, config),
      loaders.valid ? validate(context, loaders.valid, { every: config.valInterval }) : identity,
      loaders.valid ? featureMapsOnDone(context, loaders.valid) : identity,
      config.earlyStopping ? earlyStopping(context, config.earlyStopping) : identity,
      checkpoints ? checkpoint(context, { dir: checkpoints, keepLast: config.keepLast }) : identity,
      filter((e) => e.kind !== 'step' || e.iteration % config.logInterval === 0 || e.iteration === e.iterations),
      timestamped(),
    );
    return { events$, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The training batch, and on a folder the ten-crop validation batch, fit the device (webgpu only). */
function assertBatchesFit(model: tf.LayersModel, config: ResolvedConfig): void {
  const image = [config.imageSize, config.imageSize, 3];
  assertBatchFitsDevice(model, [config.batchSize, ...image]);
  if (typeof config.data === 'string') assertBatchFitsDevice(model, [config.validBatchSize * TEN_CROPS, ...image]);
}

const TEN_CROPS = 10;

/** SGD over the model's parameter groups; `features` learns at `lr · featuresLrScale`. */
function optimizerFor(model: tf.LayersModel, config: ResolvedConfig) {
  const groups = parameterGroups(model).map((group) => ({
    ...group,
    lr: group.name === 'features' ? config.lr * config.featuresLrScale : config.lr,
  }));
  return sgd({ lr: config.lr, momentum: config.momentum, weightDecay: config.weightDecay, groups });
}

function lrSchedule(context: RunContext, config: ResolvedConfig): MonoTypeOperatorFunction<TrainEvent> {
  const decay = config.lrDecay;
  if (decay === null) return identity;
  return 'plateau' in decay ? reduceLROnPlateau(context, decay.plateau) : stepLR(context, decay);
}
