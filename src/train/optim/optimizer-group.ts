import type * as tf from '@tensorflow/tfjs';
import type { ParameterGroup } from '../../models/index.js';

/**
 * A parameter group as an optimiser sees it, like a PyTorch `param_groups` entry: its own learning
 * rate (0 freezes it) and weight decay, where set; the optimiser's otherwise.
 */
export interface OptimizerGroup extends ParameterGroup {
  readonly lr?: number;
  readonly weightDecay?: number;
}

/** Per-group values: each group's own, else the optimiser's. */
export const perGroup = <K extends 'lr' | 'weightDecay'>(
  groups: readonly OptimizerGroup[],
  key: K,
  fallback: number,
): number[] => groups.map((group) => group[key] ?? fallback);

/** Checks a list of per-group values against the groups, naming the optimiser and what is set. */
export function checkGroupCount(owner: string, what: string, expected: number, values: readonly number[]): void {
  if (values.length !== expected) throw new RangeError(`${owner}: expected ${expected} ${what}, got ${values.length}`);
}

/** The variables to differentiate: those of groups whose learning rate is not 0. */
export const learningVariables = (groups: readonly ParameterGroup[], lrs: readonly number[]): tf.Variable[] =>
  groups.flatMap((group, i) => (lrs[i] === 0 ? [] : group.variables.map((v) => v.read() as tf.Variable)));

/** Calls `update` for each parameter of a learning group that has a gradient in `grads`, with its group's index. */
export function forEachUpdate(
  groups: readonly ParameterGroup[],
  lrs: readonly number[],
  grads: tf.NamedTensorMap,
  update: (parameter: tf.LayerVariable, gradient: tf.Tensor, group: number) => void,
): void {
  groups.forEach((group, i) => {
    if (lrs[i] === 0) return;
    for (const parameter of group.variables) {
      const gradient = grads[(parameter.read() as tf.Variable).name];
      if (gradient !== undefined) update(parameter, gradient, i);
    }
  });
}
