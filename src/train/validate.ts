import type { MonoTypeOperatorFunction } from 'rxjs';
import type { BatchLoader } from '../data/batch-types.js';
import { evaluate } from './evaluate.js';
import { eventOperator } from './event-operator.js';
import type { TrainEvent } from './events.js';
import type { RunContext } from './run-context.js';

export interface ValidateOptions {
  /** Validate after every `every`-th epoch (the seed's `val_interval`). */
  readonly every?: number;
  /** Batches are ten-crop `[n, 10, h, w, 3]`: logits are averaged over the crops of each image. */
  readonly tenCrop?: boolean;
  readonly key?: string;
}

/**
 * After every `every`-th epoch event, evaluates the run's model on `loader` in inference mode and
 * emits a `validation` event; the training loop waits for it. `done` gets the best accuracy.
 */
export function validate(context: RunContext, loader: BatchLoader, { every = 1, tenCrop, key = 'validate' }: ValidateOptions = {}): MonoTypeOperatorFunction<TrainEvent> {
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`validate: every must be a positive integer, got ${every}`);
  return eventOperator((out) => {
    let closed = false;
    let best: number | null = null;
    const forget = context.keep(key, { save: () => ({ best }), load: (saved) => ({ best } = saved as { best: number | null }) });
    return {
      next(event) {
        if (event.kind === 'done') {
          out.next({ ...event, bestAccuracy: best === null ? event.bestAccuracy : Math.max(best, event.bestAccuracy ?? 0) });
          return;
        }
        out.next(event);
        if (event.kind !== 'epoch' || (event.epoch + 1) % every !== 0) return;
        context.hold(async () => {
          if (closed) return;
          const { images: _images, ...metrics } = await evaluate(context.model, loader, context.loss, { tenCrop, cancelled: () => closed });
          if (closed) return;
          best = Math.max(best ?? 0, metrics.accuracy);
          out.next({ kind: 'validation', epoch: event.epoch, step: event.step, ...metrics });
        });
      },
      teardown() {
        closed = true;
        forget();
      },
    };
  });
}
