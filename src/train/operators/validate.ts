import type { MonoTypeOperatorFunction } from 'rxjs';
import type { BatchLoader } from '../../data/index.js';
import { evaluate } from '../loop/index.js';
import { eventOperator } from './event-operator.js';
import type { TrainEvent, RunContext } from '../loop/index.js';
import { checkArgument, positiveInteger } from '../../util/index.js';

/** Validation events carry the confusion matrix up to this many classes (its size grows with their square). */
export const CONFUSION_MAX_CLASSES = 50;

export interface ValidateOptions {
  /** Validate after every `every`-th epoch (the seed's `val_interval`). */
  readonly every?: number;
  /** Batches are ten-crop `[n, 10, h, w, 3]`: logits are averaged over the crops of each image. */
  readonly tenCrop?: boolean;
  readonly key?: string;
}

/** Progress events per validation: one each tenth of its batches. */
const PROGRESS_STEPS = 10;

/**
 * After every `every`-th epoch event, evaluates the run's model on `loader` in inference mode and
 * emits a `validation` event; the training loop waits for it. Meanwhile it emits a `validating`
 * event each tenth of the batches, and a `skipped` event for each file the loader skipped. A loader
 * with no batch (e.g. `split: 1`) is not evaluated: one `notice` says so, and no accuracy is
 * recorded. `done` gets the best accuracy.
 */
export function validate(
  context: RunContext,
  loader: BatchLoader,
  { every = 1, tenCrop, key = 'validate' }: ValidateOptions = {},
): MonoTypeOperatorFunction<TrainEvent> {
  checkArgument('validate', 'every', every, positiveInteger);
  return eventOperator((out) => {
    let closed = false;
    let best: number | null = null;
    let noticed = false;
    const forget = context.keep(key, {
      save: () => ({ best }),
      load: (saved) => ({ best } = saved as { best: number | null }),
    });
    const skip = (why: string): void => {
      if (!noticed) out.next({ kind: 'notice', message: `validation skipped: ${why}` });
      noticed = true;
    };
    return {
      next(event) {
        if (event.kind === 'done') {
          out.next({
            ...event,
            bestAccuracy: best === null ? event.bestAccuracy : Math.max(best, event.bestAccuracy ?? 0),
          });
          return;
        }
        out.next(event);
        if (event.kind !== 'epoch' || (event.epoch + 1) % every !== 0) return;
        context.hold(async () => {
          if (closed) return;
          const classes = await loader.classes();
          const batches = await loader.batchesPerEpoch();
          if (batches === 0) return skip('the validation data has no file (split 1 keeps every file for training)');
          const started = performance.now();
          let shown = -1;
          const { images, confusion, ...metrics } = await evaluate(context.model, loader, context.loss, {
            tenCrop,
            cancelled: () => closed,
            onSkipped: (file) => closed || out.next({ kind: 'skipped', ...file }),
            onBatch: (batch, seen) => {
              const tenth = Math.floor((batch * PROGRESS_STEPS) / batches);
              if (closed || tenth === shown || batch >= batches) return;
              shown = tenth;
              out.next({
                kind: 'validating',
                epoch: event.epoch,
                batch,
                batches,
                images: seen,
                seconds: (performance.now() - started) / 1000,
              });
            },
          });
          if (closed) return;
          if (images === 0) return skip('the validation loader gave no image');
          best = Math.max(best ?? 0, metrics.accuracy);
          out.next({
            kind: 'validation',
            epoch: event.epoch,
            step: event.step,
            ...metrics,
            classes,
            ...(confusion.length <= CONFUSION_MAX_CLASSES && { confusion }),
          });
        });
      },
      teardown() {
        closed = true;
        forget();
      },
    };
  });
}
