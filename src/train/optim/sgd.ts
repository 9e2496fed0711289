import * as tf from '@tensorflow/tfjs';
import type { ParameterGroup } from '../../models/index.js';
import type { NamedArrays } from './named-arrays.js';
import { readNamed, variableOf } from './named-arrays.js';
import { checkGroupCount, forEachUpdate, learningVariables, perGroup, type OptimizerGroup } from './optimizer-group.js';
import { sgdUpdate } from './sgd-parameter-update.js';

/** A parameter group as SGD sees it: its own learning rate (0 freezes it) and weight decay, where set. */
export type SgdGroup = OptimizerGroup;

export interface SgdOptions {
  /** Learning rate of every group that does not set its own. */
  readonly lr: number;
  readonly momentum?: number;
  readonly dampening?: number;
  readonly weightDecay?: number;
  readonly nesterov?: boolean;
  readonly groups: readonly SgdGroup[];
}

/**
 * What a checkpoint keeps of an optimiser: learning rates, its state tensors by name (SGD's
 * momentum buffers by weight name; other optimisers prefix theirs) and, where it has more, plain
 * JSON (`kind` names the optimiser, so a state is never restored into another kind).
 */
export interface OptimizerState {
  readonly lrs: readonly number[];
  readonly momentum: NamedArrays;
  readonly hyper?: OptimizerHyper;
}

/** An optimiser's JSON state: its kind, each group's momentum (or β₁), step counts and the like. */
export interface OptimizerHyper {
  readonly kind: string;
  readonly momenta?: readonly number[];
  readonly [key: string]: unknown;
}

/** Updates parameter groups from their gradients; owns its state tensors. */
export interface Optimizer {
  readonly groups: readonly ParameterGroup[];
  /** Learning rate of each group, in group order. */
  readonly lrs: readonly number[];
  setLrs(lrs: readonly number[]): void;
  /** Momentum (SGD) or β₁ (Adam) of each group, for schedules that cycle it (one-cycle). */
  readonly momenta?: readonly number[] | undefined;
  setMomenta?(momenta: readonly number[]): void;
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
 * Each group may set its own `lr` and `weightDecay`; `setMomenta` sets each group's μ.
 */
export function sgd(options: SgdOptions): Optimizer {
  const { momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = options;
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new RangeError('sgd: Nesterov momentum needs momentum > 0 and dampening 0');
  }
  let lrs = perGroup(options.groups, 'lr', options.lr);
  const decays = perGroup(options.groups, 'weightDecay', weightDecay);
  let momenta = options.groups.map(() => momentum);
  const buffers = new Map<string, tf.Variable>();

  const update = (parameter: tf.LayerVariable, gradient: tf.Tensor, group: number): void => {
    const buffer = buffers.get(parameter.originalName);
    const attrs = { lr: lrs[group]!, momentum: momenta[group]!, dampening, weightDecay: decays[group]!, nesterov };
    const next = tf.tidy(() => sgdUpdate(parameter.read(), gradient, buffer, attrs));
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
      checkGroupCount('sgd', 'learning rates', lrs.length, next);
      lrs = [...next];
    },
    get momenta() {
      return momenta;
    },
    setMomenta(next) {
      checkGroupCount('sgd', 'momenta', momenta.length, next);
      momenta = [...next];
    },
    trainableVariables: () => learningVariables(options.groups, lrs),
    step: (grads) => forEachUpdate(options.groups, lrs, grads, update),
    async state() {
      return { lrs: [...lrs], momentum: await readNamed(buffers), hyper: { kind: 'sgd', momenta: [...momenta] } };
    },
    restore(state) {
      if (state.lrs.length !== lrs.length) {
        throw new RangeError(`sgd: the saved state has ${state.lrs.length} groups, this optimiser ${lrs.length}`);
      }
      if (state.hyper !== undefined && state.hyper.kind !== 'sgd')
        throw new RangeError(`sgd: the saved state is ${state.hyper.kind}'s`);
      lrs = [...state.lrs];
      if (state.hyper?.momenta !== undefined) momenta = [...state.hyper.momenta];
      for (const buffer of buffers.values()) buffer.dispose();
      buffers.clear();
      for (const [name, saved] of Object.entries(state.momentum)) buffers.set(name, variableOf(saved));
    },
    dispose() {
      for (const buffer of buffers.values()) buffer.dispose();
      buffers.clear();
    },
  };
}
