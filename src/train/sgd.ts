import * as tf from '@tensorflow/tfjs';
import type { ParameterGroup } from '../models/parameter-groups.js';
import type { NamedArrays } from './named-arrays.js';
import { readNamed } from './named-arrays.js';
import { sgdUpdate } from './sgd-update.js';

/** A parameter group as the optimiser sees it: its own learning rate, 0 to freeze it. */
export interface SgdGroup extends ParameterGroup {
  readonly lr?: number;
}

export interface SgdOptions {
  /** Learning rate of every group that does not set its own. */
  readonly lr: number;
  readonly momentum?: number;
  readonly dampening?: number;
  readonly weightDecay?: number;
  readonly nesterov?: boolean;
  readonly groups: readonly SgdGroup[];
}

/** What a checkpoint keeps of an optimiser: learning rates and momentum buffers by weight name. */
export interface OptimizerState {
  readonly lrs: readonly number[];
  readonly momentum: NamedArrays;
}

/** Updates parameter groups from their gradients; owns its state tensors. */
export interface Optimizer {
  readonly groups: readonly ParameterGroup[];
  /** Learning rate of each group, in group order. */
  readonly lrs: readonly number[];
  setLrs(lrs: readonly number[]): void;
  /** The variables to differentiate: those of groups whose learning rate is not 0. */
  trainableVariables(): tf.Variable[];
  /** One update from gradients keyed by variable name (`tf.variableGrads`'s map). */
  step(grads: tf.NamedTensorMap): void;
  state(): Promise<OptimizerState>;
  restore(state: OptimizerState): void;
  dispose(): void;
}

/**
 * Stochastic gradient descent with PyTorch's `torch.optim.SGD` semantics:
 * `d = g + wd·p`; `buf = d` on the first step, then `buf = μ·buf + (1 − dampening)·d`;
 * `d = d + μ·buf` (Nesterov) or `d = buf`; `p = p − lr·d`. On wasm one kernel per parameter tensor.
 */
export function sgd(options: SgdOptions): Optimizer {
  const { momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = options;
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new RangeError('sgd: Nesterov momentum needs momentum > 0 and dampening 0');
  }
  let lrs = options.groups.map((group) => group.lr ?? options.lr);
  const buffers = new Map<string, tf.Variable>();

  const update = (parameter: tf.LayerVariable, gradient: tf.Tensor, lr: number): void => {
    const buffer = buffers.get(parameter.originalName);
    const next = tf.tidy(() => sgdUpdate(parameter.read(), gradient, buffer, { lr, momentum, dampening, weightDecay, nesterov }));
    const [nextParameter, nextBuffer] = next;
    parameter.write(nextParameter);
    if (nextBuffer !== undefined) {
      if (buffer === undefined) buffers.set(parameter.originalName, tf.variable(nextBuffer, false));
      else buffer.assign(nextBuffer);
    }
    tf.dispose(next);
  };

  return {
    groups: options.groups,
    get lrs() {
      return lrs;
    },
    setLrs(next) {
      if (next.length !== lrs.length) throw new RangeError(`sgd: expected ${lrs.length} learning rates, got ${next.length}`);
      lrs = [...next];
    },
    trainableVariables: () =>
      options.groups.flatMap((group, i) => (lrs[i] === 0 ? [] : group.variables.map((v) => v.read() as tf.Variable))),
    step(grads) {
      options.groups.forEach((group, i) => {
        if (lrs[i] === 0) return;
        for (const parameter of group.variables) {
          const gradient = grads[(parameter.read() as tf.Variable).name];
          if (gradient !== undefined) update(parameter, gradient, lrs[i]);
        }
      });
    },
    async state() {
      return { lrs: [...lrs], momentum: await readNamed(buffers) };
    },
    restore(state) {
      if (state.lrs.length !== lrs.length) {
        throw new RangeError(`sgd: the saved state has ${state.lrs.length} groups, this optimiser ${lrs.length}`);
      }
      lrs = [...state.lrs];
      for (const buffer of buffers.values()) buffer.dispose();
      buffers.clear();
      for (const [name, saved] of Object.entries(state.momentum)) {
        const initial = tf.tensor(saved.values, [...saved.shape], 'float32');
        buffers.set(name, tf.variable(initial, false));
        initial.dispose();
      }
    },
    dispose() {
      for (const buffer of buffers.values()) buffer.dispose();
      buffers.clear();
    },
  };
}
