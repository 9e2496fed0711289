import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { concat, filter, from, identity, Observable } from 'rxjs';
import { initBackend } from '../backend/init-backend.js';
import { assertBatchFitsDevice } from '../backend/webgpu-batch-limit.js';
import { checkpoint } from './checkpoint.js';
import { configRecord, resolveConfig, type ResolvedConfig, type TrainConfig } from './config.js';
import { seedLoaders } from './default-data.js';
import { buildModel } from './default-model.js';
import { earlyStopping } from './early-stopping.js';
import { featureMapsOnDone } from './feature-maps-on-done.js';
import { ConfigError, NothingToTrainError } from './errors.js';
import type { NoticeEvent, TrainEvent } from './events.js';
import { fit } from './fit.js';
import { readResumeCheckpoint, restoreRun } from './resume.js';
import { lossFor, lrOperator, optimizerFor, trainLoaderFor } from './recipe-parts.js';
import { resumeNotices } from './resume-notices.js';
import { prepareCheckpointFolder, removeIfUnused } from './run-folder.js';
import { RunContext } from './run-context.js';
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
  const checkpoints = config.outDir === undefined ? undefined : join(config.outDir, 'checkpoints');
  const folder = checkpoints === undefined ? undefined : await prepareCheckpointFolder(checkpoints, { resume: config.resume !== undefined, force: config.force });
  try {
    return await prepareIn(config, signal, checkpoints, folder?.removedTemporary ?? []);
  } catch (error) {
    if (folder !== undefined) await removeIfUnused(folder);
    throw error;
  }
}

async function prepareIn(config: ResolvedConfig, signal: AbortSignal, checkpoints: string | undefined, removedTemporary: readonly string[]): Promise<PreparedRun> {
  const notices: NoticeEvent[] = removedTemporary.map((path) => ({ kind: 'notice', message: `removed ${path}, left by an interrupted save` }));
  const resumed = config.resume === undefined ? undefined : await readResumeCheckpoint(config.resume, checkpoints);
  if (resumed !== undefined) {
    if (resumed.state.epoch >= config.epochs) throw new NothingToTrainError(resumed.path, resumed.state.epoch, config.epochs);
    notices.push(...resumeNotices(config, resumed.path, resumed.state));
  }
  const run: ResolvedConfig = resumed === undefined ? config : { ...config, seed: resumed.state.seed, weights: undefined };
  await initBackend({ backend: run.backend });
  const loaders = typeof run.data === 'string' ? await seedLoaders(run.data, run) : run.data;
  const classes = await loaders.train.classes();
  if (classes.length !== run.numClasses) {
    throw new ConfigError('numClasses', `${classes.length}, the training data's classes (${classes.join(', ')})`, run.numClasses);
  }
  const model = await buildModel(run, signal);
  let context: RunContext | undefined;
  const dispose = (): void => {
    context?.dispose();
    model.dispose();
  };
  try {
    assertBatchesFit(model, run);
    context = new RunContext({ model, optimizer: optimizerFor(model, run), loss: lossFor(run), seed: run.seed, config: { ...configRecord(run), classes } });
    if (resumed !== undefined) restoreRun(context, resumed.path, resumed.state);
    const batchesPerEpoch = await loaders.train.batchesPerEpoch();
    const events$ = fit(context, trainLoaderFor(loaders.train, run), { epochs: run.epochs, maxSteps: run.maxIterations }).pipe(
      lrOperator(context, run, batchesPerEpoch),
      loaders.valid ? validate(context, loaders.valid, { every: run.valInterval }) : identity,
      loaders.valid ? featureMapsOnDone(context, loaders.valid) : identity,
      run.earlyStopping ? earlyStopping(context, run.earlyStopping) : identity,
      checkpoints ? checkpoint(context, { dir: checkpoints, keepLast: run.keepLast }) : identity,
      filter((e) => e.kind !== 'step' || e.iteration % run.logInterval === 0 || e.iteration === e.iterations),
      timestamped(),
    );
    return { events$: concat(from(notices), events$), dispose };
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
