import * as tf from '@tensorflow/tfjs';
import { Observable } from 'rxjs';
import { ensureBackend, assertBatchFitsDevice } from '../../backend/index.js';
import { EmptyEpochError, NonFiniteLossError } from './errors.js';
import type { TrainEvent } from './events.js';
import { firstLayerKernels } from './first-layer-kernels.js';
import type { RunContext } from './run-context.js';
import type { TrainBatch, TrainLoader } from './train-batch.js';
import { trainStep } from './train-step.js';

export interface FitOptions {
  /** Total epochs of the run (the last epoch is `epochs - 1`). */
  readonly epochs: number;
  /** First epoch to run; default: the context's epochs completed (0, or where a checkpoint left off). */
  readonly startEpoch?: number;
  /** Stop after this many steps in total (smoke runs). */
  readonly maxSteps?: number | undefined;
}

/** A dispatched step whose loss and correct count are still on the device. */
interface PendingStep {
  readonly stats: tf.Tensor1D;
  readonly size: number;
  readonly epoch: number;
  readonly iteration: number;
  readonly step: number;
  readonly lrs: readonly number[];
  /** Wall time from the previous step's dispatch to this one's: input wait included. */
  readonly seconds: number;
}

/**
 * The training loop as a cold observable: each subscription pulls the loader's batches epoch by
 * epoch and emits a `step` event per batch, an `epoch` event per epoch and `done` at the end.
 * A step's loss is read only after the next step has been dispatched, and the next batch is
 * requested before the current step runs, so neither the device nor the decoder waits for a read.
 * In a process where no backend was chosen with `initBackend`, the first subscription chooses one
 * (`ensureBackend`).
 */
export function fit(context: RunContext, loader: TrainLoader, options: FitOptions): Observable<TrainEvent> {
  return new Observable<TrainEvent>((subscriber) => {
    let closed = false;
    const owned = new Set<tf.Tensor>();
    const own = <T extends tf.Tensor>(tensor: T): T => (owned.add(tensor), tensor);
    const release = (tensor: tf.Tensor): void => {
      owned.delete(tensor);
      tensor.dispose();
    };
    let iterator: AsyncIterator<TrainBatch> | undefined;
    let nextBatch: Promise<IteratorResult<TrainBatch>> | undefined;

    const emit = async (event: TrainEvent): Promise<void> => {
      subscriber.next(event);
      await context.settled();
    };

    const run = async (): Promise<void> => {
      await ensureBackend();
      if (closed) return;
      context.resetQueue();
      const startEpoch = options.startEpoch ?? context.epoch;
      const iterations = await loader.batchesPerEpoch();
      let epochsRun = 0;
      for (let epoch = startEpoch; epoch < options.epochs && !closed && !context.stopRequested; epoch++) {
        const started = performance.now();
        let lastDispatched = started;
        let lossSum = 0;
        let correct = 0;
        let seen = 0;
        let pending: PendingStep | undefined;

        const report = async (done: PendingStep): Promise<void> => {
          const stats = await done.stats.data();
          const lossValue = stats[0]!;
          const hits = stats[1]!;
          release(done.stats);
          if (!Number.isFinite(lossValue)) {
            throw new NonFiniteLossError(done.step, done.epoch, done.iteration, done.lrs[0]!, lossValue);
          }
          lossSum += lossValue * done.size;
          correct += hits;
          seen += done.size;
          await emit({
            kind: 'step',
            epoch: done.epoch,
            iteration: done.iteration,
            iterations,
            step: done.step,
            loss: lossValue,
            accuracy: correct / seen,
            lr: done.lrs[0]!,
            lrs: done.lrs,
            imagesPerSecond: (done.size * 1000) / Math.max(done.seconds * 1000, 1e-3),
            elapsed: (performance.now() - started) / 1000,
          });
        };

        iterator = loader.epoch(epoch)[Symbol.asyncIterator]();
        nextBatch = iterator.next();
        for (let iteration = 1; ; iteration++) {
          const result = await nextBatch;
          if (closed || result.done || context.stopRequested) {
            if (!result.done) tf.dispose([result.value.x, result.value.y]);
            break;
          }
          const batch = result.value;
          nextBatch = iterator.next();
          for (const skipped of batch.skipped) subscriber.next({ kind: 'skipped', ...skipped });
          let stats: tf.Tensor1D;
          try {
            assertBatchFitsDevice(context.model, batch.x.shape);
            context.runStepHooks();
            stats = own(trainStep(context, batch));
          } finally {
            tf.dispose([batch.x, batch.y]);
          }
          context.step += 1;
          const now = performance.now();
          const dispatched: PendingStep = {
            seconds: (now - lastDispatched) / 1000,
            stats,
            size: batch.y.shape[0],
            epoch,
            iteration,
            step: context.step,
            lrs: [...context.optimizer.lrs],
          };
          lastDispatched = now;
          if (pending !== undefined) await report(pending);
          pending = dispatched;
          if (options.maxSteps !== undefined && context.step >= options.maxSteps) context.requestStop();
        }
        nextBatch = undefined;
        await iterator.return?.();
        iterator = undefined;
        if (pending !== undefined && !closed) await report(pending);
        if (closed) return;
        if (seen === 0 && context.stopRequested) break;
        if (seen === 0) throw new EmptyEpochError(epoch, iterations);
        epochsRun += 1;
        context.epoch = epoch + 1;
        await emit({
          kind: 'epoch',
          epoch,
          step: context.step,
          loss: lossSum / seen,
          accuracy: correct / seen,
          seconds: (performance.now() - started) / 1000,
        });
      }
      if (closed) return;
      const kernels = await firstLayerKernels(context.model);
      if (closed) return;
      subscriber.next({
        kind: 'done',
        epochs: epochsRun,
        steps: context.step,
        bestAccuracy: null,
        artifacts: {},
        firstLayerKernels: kernels,
      });
      subscriber.complete();
    };

    run().catch((error: unknown) => {
      if (!closed) subscriber.error(error);
    });

    return () => {
      closed = true;
      for (const tensor of owned) tensor.dispose();
      owned.clear();
      nextBatch
        ?.then((result) => {
          if (!result.done) tf.dispose([result.value.x, result.value.y]);
          return iterator?.return?.();
        })
        .catch(() => undefined); // the loader failed after the run ended: nothing left to report to
    };
  });
}
