import type { MonoTypeOperatorFunction } from 'rxjs';
import { eventOperator } from './event-operator.js';
import type { TrainEvent, RunContext } from '../loop/index.js';
import { checkArgument, positiveInteger } from '../../util/index.js';

export interface EarlyStoppingOptions {
  /** Validation metric watched: `loss` (lower is better) or `accuracy` (higher is better). */
  readonly monitor?: 'loss' | 'accuracy';
  /** Validations without improvement before the run stops. */
  readonly patience?: number;
  /** Smallest change that counts as an improvement. */
  readonly minDelta?: number;
  readonly key?: string;
}

/**
 * Keras's `EarlyStopping` as an operator: after `patience` validations without an improvement of
 * more than `minDelta`, asks the training loop to stop; the run then completes normally with a
 * `done` event that says when and why.
 */
export function earlyStopping(
  context: RunContext,
  { monitor = 'loss', patience = 3, minDelta = 0, key = 'earlyStopping' }: EarlyStoppingOptions = {},
): MonoTypeOperatorFunction<TrainEvent> {
  checkArgument('earlyStopping', 'patience', patience, positiveInteger);
  const sign = monitor === 'loss' ? -1 : 1;
  return eventOperator((out) => {
    const state = { best: null as number | null, wait: 0, stoppedAt: null as number | null };
    const forget = context.keep(key, { save: () => ({ ...state }), load: (saved) => Object.assign(state, saved) });
    return {
      next(event) {
        if (event.kind === 'done' && state.stoppedAt !== null) {
          out.next({
            ...event,
            stoppedEarly: {
              epoch: state.stoppedAt,
              reason: `validation ${monitor} did not improve for ${patience} validations`,
            },
          });
          return;
        }
        out.next(event);
        if (event.kind !== 'validation') return;
        const value = event[monitor];
        if (state.best === null || sign * (value - state.best) > minDelta) {
          state.best = value;
          state.wait = 0;
          return;
        }
        state.wait += 1;
        if (state.wait >= patience) {
          state.stoppedAt = event.epoch;
          context.requestStop();
        }
      },
      teardown: forget,
    };
  });
}
