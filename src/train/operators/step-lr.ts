import type { MonoTypeOperatorFunction } from 'rxjs';
import { eventOperator } from './event-operator.js';
import type { TrainEvent, RunContext } from '../loop/index.js';
import { checkArgument, positiveInteger } from '../../util/index.js';

export interface StepLrOptions {
  /** Epochs between decays. */
  readonly stepSize: number;
  /** Factor applied to every group's learning rate. */
  readonly gamma?: number;
}

/**
 * PyTorch's `StepLR` as an operator: after every `stepSize`-th epoch event, multiplies each group's
 * learning rate by `gamma` and emits an `lr` event. It keeps no state: the epoch number says when.
 */
export function stepLR(
  context: RunContext,
  { stepSize, gamma = 0.1 }: StepLrOptions,
): MonoTypeOperatorFunction<TrainEvent> {
  checkArgument('stepLR', 'stepSize', stepSize, positiveInteger);
  return eventOperator((out) => ({
    next(event) {
      out.next(event);
      if (event.kind !== 'epoch' || (event.epoch + 1) % stepSize !== 0) return;
      const lrs = context.optimizer.lrs.map((lr) => lr * gamma);
      context.optimizer.setLrs(lrs);
      out.next({ kind: 'lr', epoch: event.epoch, lr: lrs[0]!, lrs });
    },
  }));
}
