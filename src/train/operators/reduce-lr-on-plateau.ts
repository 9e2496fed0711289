import type { MonoTypeOperatorFunction } from 'rxjs';
import { eventOperator } from './event-operator.js';
import type { TrainEvent, RunContext } from '../loop/index.js';

export interface PlateauOptions {
  /** Validation metric watched: `loss` (lower is better) or `accuracy` (higher is better). */
  readonly monitor?: 'loss' | 'accuracy';
  readonly factor?: number;
  /** Validations without improvement tolerated before the learning rate drops. */
  readonly patience?: number;
  readonly threshold?: number;
  readonly thresholdMode?: 'rel' | 'abs';
  /** Validations to wait after a drop before counting again. */
  readonly cooldown?: number;
  readonly minLr?: number;
  /** Drops smaller than this are skipped. */
  readonly eps?: number;
  /** Key of this operator's state in checkpoints. */
  readonly key?: string;
}

interface PlateauState {
  best: number;
  bad: number;
  cooldown: number;
}

/** PyTorch's `ReduceLROnPlateau` (same defaults) as an operator on validation events. */
export function reduceLROnPlateau(
  context: RunContext,
  options: PlateauOptions = {},
): MonoTypeOperatorFunction<TrainEvent> {
  const {
    monitor = 'loss',
    factor = 0.1,
    patience = 10,
    threshold = 1e-4,
    thresholdMode = 'rel',
    cooldown = 0,
    minLr = 0,
    eps = 1e-8,
    key = 'reduceLROnPlateau',
  } = options;
  if (!(factor > 0 && factor < 1)) throw new RangeError(`reduceLROnPlateau: factor must be in (0, 1), got ${factor}`);
  const lowerIsBetter = monitor === 'loss';
  const isBetter = (value: number, best: number): boolean => {
    if (thresholdMode === 'rel') return lowerIsBetter ? value < best * (1 - threshold) : value > best * (1 + threshold);
    return lowerIsBetter ? value < best - threshold : value > best + threshold;
  };
  return eventOperator((out) => {
    const state: PlateauState = { best: lowerIsBetter ? Infinity : -Infinity, bad: 0, cooldown: 0 };
    const forget = context.keep(key, {
      save: () => ({ ...state, best: Number.isFinite(state.best) ? state.best : null }),
      load: (saved) => {
        const s = saved as { best: number | null; bad: number; cooldown: number };
        Object.assign(state, s, { best: s.best ?? state.best });
      },
    });
    return {
      next(event) {
        out.next(event);
        if (event.kind !== 'validation') return;
        const value = event[monitor];
        if (isBetter(value, state.best)) {
          state.best = value;
          state.bad = 0;
        } else {
          state.bad += 1;
        }
        if (state.cooldown > 0) {
          state.cooldown -= 1;
          state.bad = 0;
        }
        if (state.bad <= patience) return;
        state.cooldown = cooldown;
        state.bad = 0;
        const old = context.optimizer.lrs;
        const lrs = old.map((lr) => (lr - Math.max(lr * factor, minLr) > eps ? Math.max(lr * factor, minLr) : lr));
        if (lrs.every((lr, i) => lr === old[i])) return;
        context.optimizer.setLrs(lrs);
        out.next({ kind: 'lr', epoch: event.epoch, lr: lrs[0]!, lrs });
      },
      teardown: forget,
    };
  });
}
