import type * as tf from '@tensorflow/tfjs';
import type { TorchTensor } from '../../models/index.js';
import { torchParameters, type TorchParameter, PyFloat, type TorchValue } from '../../models/index.js';
import type { NamedArrays } from './named-arrays.js';
import type { OptimizerState } from './sgd.js';

/** How a run's optimiser was configured (its recorded config), enough to name the `torch.optim` class and its settings. */
export interface OptimizerSettings {
  readonly kind: 'sgd';
  readonly momentum: number;
  readonly weightDecay: number;
  readonly dampening?: number;
  readonly nesterov?: boolean;
}

/** One optimiser's way to and from `torch.optim`'s `state_dict`; one per kind, so others are added beside SGD. */
interface TorchOptimizerFormat {
  /** The `torch.optim` class train.py builds. */
  readonly className: string;
  /** Its per-group settings besides `lr` and `params`, as torch 1.13 records them. */
  groupSettings(settings: OptimizerSettings): Record<string, TorchValue>;
  /** Per-parameter state from rxtrain's (by weight name, in the model's layout) to torch's (by index, its layout). */
  stateOf(parameter: TorchParameter, saved: NamedArrays): Record<string, TorchValue> | undefined;
  /** The reverse: rxtrain's state arrays of one parameter from torch's entry. */
  restore(
    parameter: TorchParameter,
    entry: ReadonlyMap<string, unknown>,
    into: Record<string, { shape: readonly number[]; values: Float32Array }>,
  ): void;
}

const sgdFormat: TorchOptimizerFormat = {
  className: 'SGD',
  groupSettings: ({ momentum, weightDecay, dampening = 0, nesterov = false }) => ({
    momentum: new PyFloat(momentum),
    dampening: new PyFloat(dampening),
    weight_decay: new PyFloat(weightDecay),
    nesterov,
    maximize: false,
    foreach: null,
    differentiable: false,
  }),
  stateOf(parameter, saved) {
    const buffer = saved[parameter.variable.originalName];
    return buffer && { momentum_buffer: { shape: parameter.torchShape, data: parameter.toTorch(buffer.values) } };
  },
  restore(parameter, entry, into) {
    const buffer = entry.get('momentum_buffer') as TorchTensor | null | undefined;
    if (buffer)
      into[parameter.variable.originalName] = {
        shape: parameter.variable.shape as number[],
        values: parameter.fromTorch(buffer.data),
      };
  },
};

export const TORCH_OPTIMIZERS: Readonly<Record<OptimizerSettings['kind'], TorchOptimizerFormat>> = { sgd: sgdFormat };

/** Parameters of `model` by group, in torch's `model.parameters()` order: the indices `param_groups[g].params` lists. */
function groupedParameters(model: tf.LayersModel, groups: readonly (readonly string[])[]): TorchParameter[][] {
  const byName = new Map(torchParameters(model).map((p) => [p.variable.originalName, p]));
  return groups.map((names) => names.map((name) => byName.get(name)!));
}

/**
 * `torch.optim.<Class>(groups).state_dict()` for rxtrain's optimiser state: `state` by parameter
 * index (momentum buffers in PyTorch's layouts), `param_groups` with each group's current `lr`,
 * its `initial_lr` (what a `StepLR` resumed with `last_epoch` needs) and the class's settings.
 */
export function torchOptimizerStateDict(
  model: tf.LayersModel,
  groups: readonly (readonly string[])[],
  state: OptimizerState,
  initialLrs: readonly number[],
  settings: OptimizerSettings,
): TorchValue {
  const format = TORCH_OPTIMIZERS[settings.kind];
  const perGroup = groupedParameters(model, groups);
  const torchState = new Map<number, TorchValue>();
  let index = 0;
  const paramGroups = perGroup.map((parameters, g) => {
    const params = parameters.map((parameter) => {
      const entry = format.stateOf(parameter, state.momentum);
      if (entry) torchState.set(index, entry);
      return index++;
    });
    return {
      lr: new PyFloat(state.lrs[g]!),
      ...format.groupSettings(settings),
      initial_lr: new PyFloat(initialLrs[g]!),
      params,
    };
  });
  return { state: torchState, param_groups: paramGroups };
}

/** rxtrain's optimiser state from a `torch.optim` `state_dict` (as `decodeTorchObject` reads it) of the same model and groups. */
export function optimizerStateFromTorch(
  model: tf.LayersModel,
  groups: readonly (readonly string[])[],
  stateDict: unknown,
  settings: OptimizerSettings,
  where: string,
): OptimizerState {
  const fail = (expected: string): never => {
    throw new RangeError(`${where}: expected ${expected}`);
  };
  if (!(stateDict instanceof Map)) return fail("an optimiser state_dict ({ 'state', 'param_groups' })");
  const paramGroups = stateDict.get('param_groups');
  const state = stateDict.get('state');
  if (!Array.isArray(paramGroups) || paramGroups.length !== groups.length)
    fail(`${groups.length} param_groups, got ${Array.isArray(paramGroups) ? paramGroups.length : 'none'}`);
  if (!(state instanceof Map)) return fail("a 'state' dict");
  const perGroup = groupedParameters(model, groups);
  const momentum: Record<string, { shape: readonly number[]; values: Float32Array }> = {};
  const lrs = (paramGroups as Map<string, unknown>[]).map((group, g) => {
    const params = group.get('params');
    if (!Array.isArray(params) || params.length !== perGroup[g]!.length)
      fail(`param_groups[${g}] to hold ${perGroup[g]!.length} parameters`);
    (params as number[]).forEach((index, i) => {
      const entry = state.get(index);
      if (entry instanceof Map) TORCH_OPTIMIZERS[settings.kind].restore(perGroup[g]![i]!, entry, momentum);
    });
    const lr = group.get('lr');
    return typeof lr === 'number' ? lr : fail(`param_groups[${g}].lr to be a number`);
  });
  return { lrs, momentum };
}
