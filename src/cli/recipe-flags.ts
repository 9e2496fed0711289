import type { RecipeConfig } from '../train/index.js';
import { InvalidOptionValueError } from './flags/errors.js';
import type { OptionSpecs, OptionValues } from './flags/option-spec.js';

/** `rxtrain train`'s options for the modern recipe; left out, a run is the seed's. */
export const RECIPE_OPTIONS = {
  optimizer: {
    type: 'choice',
    choices: ['sgd', 'adam', 'adamw'],
    default: 'sgd',
    description: "torch.optim's SGD, Adam or AdamW (AdamW: pass --weight-decay, e.g. 0.05)",
  },
  nesterov: { type: 'boolean', description: 'SGD with Nesterov momentum' },
  'no-bias-decay': { type: 'boolean', description: 'no weight decay on biases and normalisation weights' },
  schedule: {
    type: 'choice',
    choices: ['step', 'cosine', 'one-cycle'],
    default: 'step',
    description:
      "'step': StepLR (--lr-step, --lr-gamma); 'cosine': cosine annealing per step after --warmup; 'one-cycle': OneCycleLR peaking at --lr",
  },
  warmup: {
    type: 'integer',
    min: 0,
    default: 0,
    description: 'with --schedule cosine: linear warm-up over this many steps, from lr/10',
  },
  'label-smoothing': { type: 'number', min: 0, max: 1, default: 0, description: 'CrossEntropyLoss(label_smoothing=…)' },
  mixup: {
    type: 'number',
    above: 0,
    placeholder: 'ALPHA',
    description: 'MixUp(alpha) on the training batches (with --cutmix: one or the other, half the batches each)',
  },
  cutmix: { type: 'number', above: 0, placeholder: 'ALPHA', description: 'CutMix(alpha) on the training batches' },
  'clip-grad-norm': {
    type: 'number',
    above: 0,
    placeholder: 'MAX',
    description: 'clip the total gradient norm to MAX (clip_grad_norm_)',
  },
  accumulate: {
    type: 'integer',
    min: 1,
    default: 1,
    description: 'batches per optimiser step (gradient accumulation)',
  },
} as const satisfies OptionSpecs;

/** The config keys whose flag is not the key in kebab case. */
export const RECIPE_FLAG_OF_KEY: Readonly<Record<string, string>> = {
  noDecay: 'no-bias-decay',
  'schedule.warmup': 'warmup',
  clipGradNorm: 'clip-grad-norm',
  'mixing.mixup': 'mixup',
  'mixing.cutmix': 'cutmix',
};

/** Flags → the recipe keys of a `trainStream` config. */
export function recipeConfigFromFlags(flags: OptionValues<typeof RECIPE_OPTIONS>): RecipeConfig {
  if (flags.warmup > 0 && flags.schedule !== 'cosine') {
    throw new InvalidOptionValueError(
      'warmup',
      String(flags.warmup),
      `0 with --schedule ${flags.schedule} (warm-up comes before a cosine schedule)`,
    );
  }
  const mixing =
    flags.mixup === undefined && flags.cutmix === undefined ? null : { mixup: flags.mixup, cutmix: flags.cutmix };
  const schedule =
    flags.schedule === 'cosine'
      ? { kind: 'cosine' as const, warmup: flags.warmup, warmupStartFactor: 0.1 }
      : flags.schedule === 'one-cycle'
        ? { kind: 'one-cycle' as const }
        : null;
  return {
    optimizer: flags.optimizer as RecipeConfig['optimizer'],
    nesterov: flags.nesterov ?? false,
    noDecay: flags['no-bias-decay'] ?? false,
    schedule,
    labelSmoothing: flags['label-smoothing'],
    mixing,
    clipGradNorm: flags['clip-grad-norm'] ?? null,
    accumulate: flags.accumulate,
  };
}
