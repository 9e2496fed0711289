import type { Schedule } from '../schedules/index.js';
import type { NoDecayRule } from '../optim/index.js';

/** Which optimiser a run uses: `torch.optim.SGD`, `Adam` or `AdamW`, with PyTorch's defaults. */
export type OptimizerName = 'sgd' | 'adam' | 'adamw';

/**
 * A learning-rate schedule for `trainStream`: an optional linear warm-up (PyTorch's `LinearLR` from
 * `lr · warmupStartFactor`), then cosine annealing to `etaMin` over the rest of the run (with warm
 * restarts every `restart.t0`, × `restart.tMult`), a one-cycle, or a schedule of your own; composed
 * as `SequentialLR` does. `interval` says whether the index counts optimiser steps or epochs.
 */
export interface ScheduleConfig {
  readonly kind: 'cosine' | 'one-cycle' | 'constant' | 'custom';
  readonly interval?: 'step' | 'epoch';
  /** Warm-up length in steps (or epochs); 0 for none. Not with one-cycle, which warms up itself. */
  readonly warmup?: number;
  readonly warmupStartFactor?: number;
  readonly etaMin?: number;
  readonly restart?: { readonly t0: number; readonly tMult?: number };
  /** One-cycle's `pctStart`, `divFactor`, `finalDivFactor`, `threePhase`, `annealStrategy`, `cycleMomentum`, `baseMomentum`, `maxMomentum`. */
  readonly oneCycle?: Readonly<Record<string, unknown>>;
  /** For `kind: 'custom'`. */
  readonly schedule?: Schedule;
}

/** Mixup and/or cutmix on the training batches, as torchvision v2's `MixUp`, `CutMix` and a `RandomChoice` of the two. */
export interface MixingConfig {
  /** MixUp's α (off when absent). */
  readonly mixup?: number | undefined;
  /** CutMix's α (off when absent). */
  readonly cutmix?: number | undefined;
  /** With both: the probability a batch is cut rather than mixed (default 0.5). */
  readonly switchProbability?: number;
  /** Probability that a batch is mixed at all (default 1). */
  readonly probability?: number;
}

/** The training-recipe keys of `TrainConfig`. */
export interface RecipeConfig {
  readonly optimizer?: OptimizerName | undefined;
  readonly nesterov?: boolean | undefined;
  /** Adam's (β₁, β₂). */
  readonly betas?: readonly [number, number] | undefined;
  readonly eps?: number | undefined;
  /** No weight decay on biases and normalisation weights (`true`: every rank ≤ 1 weight), or on the weights a rule picks. */
  readonly noDecay?: boolean | NoDecayRule | undefined;
  /** Replaces `lrDecay` (which must then be left out or null). */
  readonly schedule?: ScheduleConfig | null | undefined;
  readonly labelSmoothing?: number | undefined;
  readonly mixing?: MixingConfig | null | undefined;
  /** Clip the total gradient norm to this (`clip_grad_norm_`); null: no clipping. */
  readonly clipGradNorm?: number | null | undefined;
  /** Batches per optimiser step (gradient accumulation). */
  readonly accumulate?: number | undefined;
}

export const RECIPE_DEFAULTS = {
  optimizer: 'sgd',
  nesterov: false,
  betas: [0.9, 0.999],
  eps: 1e-8,
  noDecay: false,
  schedule: null,
  labelSmoothing: 0,
  mixing: null,
  clipGradNorm: null,
  accumulate: 1,
} as const satisfies Required<RecipeConfig>;
