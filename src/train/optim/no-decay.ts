import type * as tf from '@tensorflow/tfjs';
import type { OptimizerGroup } from './optimizer-group.js';

/** Which weights take no weight decay. */
export type NoDecayRule = (variable: tf.LayerVariable) => boolean;

/**
 * Biases and normalisation scales and shifts: every weight of rank ≤ 1 (a BatchNorm's or
 * LayerNorm's γ and β are vectors), as timm's `param_groups_weight_decay` decides.
 */
export const biasesAndNorms: NoDecayRule = (variable) => variable.shape.length <= 1;

/**
 * Splits each group in two: the weights `rule` picks go to `<name>.no_decay` with weight decay 0,
 * the rest stay in `<name>`; both keep the group's learning rate. Empty groups are left out.
 */
export function withoutDecay(groups: readonly OptimizerGroup[], rule: NoDecayRule = biasesAndNorms): OptimizerGroup[] {
  return groups.flatMap((group) => {
    const decayed = group.variables.filter((v) => !rule(v));
    const exempt = group.variables.filter((v) => rule(v));
    return [
      ...(decayed.length > 0 ? [{ ...group, variables: decayed }] : []),
      ...(exempt.length > 0 ? [{ ...group, name: `${group.name}.no_decay`, variables: exempt, weightDecay: 0 }] : []),
    ];
  });
}
