import * as tf from '@tensorflow/tfjs';
import { readNamed, variableOf } from './named-arrays.js';
import type { Optimizer, OptimizerState } from './sgd.js';
import { adamUpdate } from './adam-update.js';
import { checkGroupCount, forEachUpdate, learningVariables, perGroup, type OptimizerGroup } from './optimizer-group.js';

export interface AdamOptions {
  /** Learning rate of every group that does not set its own (PyTorch's default 1e-3). */
  readonly lr?: number;
  readonly betas?: readonly [number, number] | undefined;
  readonly eps?: number | undefined;
  /** Of every group that does not set its own: Adam's default 0, AdamW's 1e-2. */
  readonly weightDecay?: number;
  readonly groups: readonly OptimizerGroup[];
}

const EXP_AVG = 'exp_avg:';
const EXP_AVG_SQ = 'exp_avg_sq:';

/** `torch.optim.AdamW` (same defaults): weight decay shrinks the weights, apart from the gradient. */
export const adamw = (options: AdamOptions): Optimizer => adamFamily('adamw', { weightDecay: 1e-2, ...options });

/** `torch.optim.Adam` (same defaults): weight decay is L2, added to the gradient. */
export const adam = (options: AdamOptions): Optimizer => adamFamily('adam', options);

function adamFamily(kind: 'adam' | 'adamw', options: AdamOptions): Optimizer {
  const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 } = options;
  for (const [name, value] of [
    ['betas[0]', betas[0]],
    ['betas[1]', betas[1]],
  ] as const) {
    if (!(value >= 0 && value < 1)) throw new RangeError(`${kind}: ${name} must be in [0, 1), got ${value}`);
  }
  if (!(eps >= 0)) throw new RangeError(`${kind}: eps must be ≥ 0, got ${eps}`);
  let lrs = perGroup(options.groups, 'lr', lr);
  const decays = perGroup(options.groups, 'weightDecay', weightDecay);
  let beta1s = options.groups.map(() => betas[0]);
  const moments = new Map<string, tf.Variable>();
  /** PyTorch's per-parameter `step`. */
  let steps = new Map<string, number>();

  const keep = (name: string, value: tf.Tensor): void => {
    const held = moments.get(name);
    if (held === undefined) moments.set(name, tf.variable(value, false));
    else held.assign(value);
  };

  const update = (parameter: tf.LayerVariable, gradient: tf.Tensor, group: number): void => {
    const name = parameter.originalName;
    const step = (steps.get(name) ?? 0) + 1;
    const attrs = {
      lr: lrs[group]!,
      beta1: beta1s[group]!,
      beta2: betas[1],
      eps,
      weightDecay: decays[group]!,
      decoupled: kind === 'adamw',
      step,
    };
    const next = tf.tidy(() =>
      adamUpdate(parameter.read(), gradient, moments.get(EXP_AVG + name), moments.get(EXP_AVG_SQ + name), attrs),
    );
    parameter.write(next[0]);
    keep(EXP_AVG + name, next[1]);
    keep(EXP_AVG_SQ + name, next[2]);
    steps.set(name, step);
    tf.dispose(next);
  };

  const clear = (): void => {
    for (const held of moments.values()) held.dispose();
    moments.clear();
  };

  return {
    groups: options.groups,
    get lrs() {
      return lrs;
    },
    setLrs(next) {
      checkGroupCount(kind, 'learning rates', lrs.length, next);
      lrs = [...next];
    },
    get momenta() {
      return beta1s;
    },
    setMomenta(next) {
      checkGroupCount(kind, 'β₁ values', beta1s.length, next);
      beta1s = [...next];
    },
    trainableVariables: () => learningVariables(options.groups, lrs),
    step: (grads) => forEachUpdate(options.groups, lrs, grads, update),
    async state(): Promise<OptimizerState> {
      return {
        lrs: [...lrs],
        momentum: await readNamed(moments),
        hyper: { kind, momenta: [...beta1s], steps: Object.fromEntries(steps) },
      };
    },
    restore(state) {
      checkGroupCount(kind, 'groups in the saved state', lrs.length, state.lrs);
      if (state.hyper?.kind !== kind)
        throw new RangeError(`${kind}: the saved state is ${state.hyper?.kind ?? 'sgd'}'s`);
      const saved = state.hyper.steps as Record<string, number> | undefined;
      if (typeof saved !== 'object' || saved === null)
        throw new RangeError(`${kind}: the saved state has no step counts`);
      lrs = [...state.lrs];
      if (state.hyper.momenta !== undefined) beta1s = [...state.hyper.momenta];
      steps = new Map(Object.entries(saved));
      clear();
      for (const [name, saved] of Object.entries(state.momentum)) {
        if (!name.startsWith(EXP_AVG) && !name.startsWith(EXP_AVG_SQ))
          throw new RangeError(`${kind}: unexpected state tensor ${name}`);
        moments.set(name, variableOf(saved));
      }
    },
    dispose: clear,
  };
}
