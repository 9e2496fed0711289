import { join } from 'node:path';
import { concat, filter, from, identity, Observable } from 'rxjs';
import { assembleRun } from './assemble-run.js';
import { checkpoint, earlyStopping, featureMapsOnDone, timestamped, validate } from '../operators/index.js';
import { resolveConfig, type ResolvedConfig, type TrainConfig } from './config.js';
import { NothingToTrainError, fit } from '../loop/index.js';
import type { NoticeEvent, TrainEvent } from '../loop/index.js';
import { readResumeCheckpoint, restoreRun, prepareCheckpointFolder, removeIfUnused } from '../checkpoint/index.js';
import { lrOperator } from './recipe-parts.js';
import { resumeNotices } from './resume-notices.js';

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
  const folder =
    checkpoints === undefined
      ? undefined
      : await prepareCheckpointFolder(checkpoints, { resume: config.resume !== undefined, force: config.force });
  try {
    return await prepareIn(config, signal, checkpoints, folder?.removedTemporary ?? []);
  } catch (error) {
    if (folder !== undefined) await removeIfUnused(folder);
    throw error;
  }
}

async function prepareIn(
  config: ResolvedConfig,
  signal: AbortSignal,
  checkpoints: string | undefined,
  removedTemporary: readonly string[],
): Promise<PreparedRun> {
  const notices: NoticeEvent[] = removedTemporary.map((path) => ({
    kind: 'notice',
    message: `removed ${path}, left by an interrupted save`,
  }));
  const resumed = config.resume === undefined ? undefined : await readResumeCheckpoint(config.resume, checkpoints);
  if (resumed !== undefined) {
    if (resumed.state.epoch >= config.epochs)
      throw new NothingToTrainError(resumed.path, resumed.state.epoch, config.epochs);
    notices.push(...resumeNotices(config, resumed.path, resumed.state));
  }
  const run: ResolvedConfig =
    resumed === undefined ? config : { ...config, seed: resumed.state.seed, weights: undefined };
  const { context, loaders, dispose } = await assembleRun(run, signal);
  try {
    if (resumed !== undefined) restoreRun(context, resumed.path, resumed.state);
    const batchesPerEpoch = await loaders.train.batchesPerEpoch();
    const events$ = fit(context, loaders.mixedTrain, { epochs: run.epochs, maxSteps: run.maxIterations }).pipe(
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
