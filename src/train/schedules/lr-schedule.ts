import type { MonoTypeOperatorFunction } from 'rxjs';
import { eventOperator } from '../operators/index.js';
import type { TrainEvent, RunContext } from '../loop/index.js';
import type { Schedule } from './schedule.js';
import { checkArgument, positiveInteger } from '../../util/index.js';

export interface LrScheduleOptions {
  /** `'step'`: the index is the optimiser update; `'epoch'`: the epoch (PyTorch's `scheduler.step()` per epoch). */
  readonly interval?: 'step' | 'epoch';
  /** Batches per optimiser update (gradient accumulation): a per-step schedule counts updates. */
  readonly stepsPerUpdate?: number;
  /** Key of this operator's state in checkpoints. */
  readonly key?: string;
}

interface ScheduleState {
  baseLrs: number[];
  baseMomenta: number[] | null;
}

/**
 * A schedule as an operator: before every step it sets each group's rate (and momentum or β₁, when
 * the schedule cycles it) to `schedule` at the current index, from the groups' rates when the run
 * began, which checkpoints keep; so a resumed run continues on the same curve. Per epoch it also
 * emits an `lr` event after each epoch with the next epoch's rates.
 */
export function lrSchedule(
  context: RunContext,
  schedule: Schedule,
  options: LrScheduleOptions = {},
): MonoTypeOperatorFunction<TrainEvent> {
  const { interval = 'step', stepsPerUpdate = 1, key = 'lrSchedule' } = options;
  checkArgument('lrSchedule', 'stepsPerUpdate', stepsPerUpdate, positiveInteger);
  const { optimizer } = context;
  if (schedule.momentum !== undefined && (optimizer.momenta === undefined || optimizer.setMomenta === undefined)) {
    throw new RangeError(`lrSchedule: ${schedule.name} cycles momentum, which this optimiser cannot set`);
  }
  const ratesAt = (state: ScheduleState, index: number): number[] =>
    state.baseLrs.map((base) => schedule.lr(index, base));
  return eventOperator((out) => {
    const state: ScheduleState = {
      baseLrs: [...optimizer.lrs],
      baseMomenta: schedule.momentum && optimizer.momenta ? [...optimizer.momenta] : null,
    };
    const forget = context.keep(key, {
      save: () => ({ name: schedule.name, ...state }),
      load: (saved) => Object.assign(state, saved as ScheduleState),
    });
    const apply = (): void => {
      const index = interval === 'epoch' ? context.epoch : Math.floor(context.step / stepsPerUpdate);
      optimizer.setLrs(ratesAt(state, index));
      if (schedule.momentum !== undefined && state.baseMomenta !== null) {
        optimizer.setMomenta!(state.baseMomenta.map((base) => schedule.momentum!(index, base)));
      }
    };
    const stopHook = context.beforeEachStep(apply);
    return {
      next(event) {
        out.next(event);
        if (interval !== 'epoch' || event.kind !== 'epoch') return;
        const lrs = ratesAt(state, event.epoch + 1);
        out.next({ kind: 'lr', epoch: event.epoch, lr: lrs[0]!, lrs });
      },
      teardown() {
        stopHook();
        forget();
      },
    };
  });
}
