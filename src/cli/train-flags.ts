import { BACKEND_OPTION, backendOf } from './flags/backend-option.js';
import { kaimingAlexNet, MODEL_NAMES, modelFactory, ALEXNET_MIN_INPUT_SIZE } from '../models/index.js';
import { ConfigError } from '../train/index.js';
import type { TrainConfig } from '../train/index.js';
import { InvalidOptionValueError } from './flags/errors.js';
import type { OptionSpecs, OptionValues } from './flags/option-spec.js';
import { RECIPE_FLAG_OF_KEY, RECIPE_OPTIONS, recipeConfigFromFlags } from './recipe-flags.js';
import { DEFAULT_SEED } from '../data/index.js';

/** `rxtrain train`'s options; the defaults are the seed script's. */
/** `--split`, as `train` and `shard` both split a folder. */
export const SPLIT_OPTION = {
  type: 'number',
  above: 0,
  max: 1,
  default: 0.9,
  description: 'fraction of the shuffled files used for training',
} as const;

export const TRAIN_OPTIONS = {
  data: {
    type: 'string',
    placeholder: 'DIR',
    required: true,
    description:
      'image folder: Kaggle-style (cat.N.jpg, dog.N.jpg) or ImageFolder (one sub-folder per class); or a shard set (`rxtrain shard`): its folder, http(s):// or s3:// URL',
  },
  weights: {
    type: 'string',
    placeholder: 'FILE.pth',
    description: "PyTorch state dict of the --model (e.g. torchvision's alexnet-owt-4df8aa71.pth)",
  },
  model: {
    type: 'choice',
    choices: MODEL_NAMES,
    default: 'alexnet',
    description: "torchvision's model family to train (see rxtrain info --models)",
  },
  'freeze-bn': {
    type: 'boolean',
    description:
      'keep every BatchNorm in eval mode: running statistics used, never updated (fine-tuning on small batches)',
  },
  epochs: { type: 'integer', min: 1, default: 3, description: 'epochs to train' },
  'batch-size': { type: 'integer', min: 1, default: 128, description: 'training batch size' },
  lr: { type: 'number', min: 0, default: 0.001, description: 'learning rate' },
  momentum: { type: 'number', min: 0, max: 1, default: 0.9, description: 'SGD momentum' },
  'weight-decay': { type: 'number', min: 0, default: 0, description: 'SGD weight decay' },
  'features-lr-scale': {
    type: 'number',
    min: 0,
    default: 1,
    description: "conv layers learn at lr × this (0.1 as the seed's flag = 1; 0 freezes them)",
  },
  'lr-step': {
    type: 'integer',
    min: 1,
    default: 1,
    description: 'StepLR: decay the learning rate every this many epochs',
  },
  'lr-gamma': {
    type: 'number',
    above: 0,
    max: 1,
    default: 0.1,
    description: 'StepLR: multiply the learning rate by this (1 keeps it constant)',
  },
  'image-size': {
    type: 'integer',
    min: ALEXNET_MIN_INPUT_SIZE.torchvision,
    default: 224,
    description: 'crop size fed to the network',
  },
  'width-divisor': {
    type: 'integer',
    min: 1,
    max: 64,
    default: 1,
    description: "divide every layer's width by this (small, fast models; at most 64, the narrowest layer's width)",
  },
  'num-classes': {
    type: 'integer',
    min: 2,
    description:
      "classes (default: the data's classes: file-name prefixes or sub-folders, e.g. 3 for cat, dog and fox)",
  },
  split: SPLIT_OPTION,
  'log-interval': {
    type: 'integer',
    min: 1,
    default: 1,
    description: 'print every this many iterations (the log and curves keep every one)',
  },
  progress: {
    type: 'choice',
    choices: ['lines', 'bar'],
    default: 'lines',
    description: "'bar' also redraws every step on one line (in a terminal)",
  },
  'val-interval': { type: 'integer', min: 1, default: 1, description: 'validate every this many epochs' },
  out: {
    type: 'string',
    placeholder: 'DIR',
    description: 'run folder: events.jsonl, curves.png, kernels.png, checkpoints/ (default runs/<time>)',
  },
  resume: {
    type: 'string',
    placeholder: 'latest|FILE',
    description: 'continue from a checkpoint, or the latest in --out',
  },
  backend: BACKEND_OPTION,
  force: {
    type: 'boolean',
    description: 'start over in an --out folder that holds an earlier run (its checkpoints, log and plots are deleted)',
  },
  'max-iterations': { type: 'integer', min: 1, description: 'stop after this many steps in total (smoke runs)' },
  workers: {
    type: 'integer',
    min: 0,
    description: 'loader worker threads (default one per 4 cores; 0 decodes on the training thread)',
  },
  init: {
    type: 'choice',
    choices: ['torch', 'kaiming'],
    default: 'torch',
    description:
      "initialisation: 'torch' (PyTorch's default; fine with --weights) or 'kaiming' (He-normal, zero biases: train from scratch)",
  },
  ...RECIPE_OPTIONS,
  seed: {
    type: 'integer',
    min: 0,
    default: DEFAULT_SEED,
    description: 'seed of the split, shuffles, augmentation and initialisation',
  },
} as const satisfies OptionSpecs;

export type TrainFlags = OptionValues<typeof TRAIN_OPTIONS>;

/** The run folder when `--out` is not given: `runs/2026-11-28T22-50-01`. */
export const defaultRunDir = (now: Date): string => `runs/${now.toISOString().slice(0, 19).replace(/:/g, '-')}`;

/**
 * Flags → `trainStream` config: one key per flag, nothing else decided here. `--log-interval` is
 * the console's, not the run's: as in the seed, every step still reaches the log and the curves.
 */
export function trainConfigFromFlags(flags: TrainFlags, outDir: string): TrainConfig {
  return {
    data: flags.data,
    weights: flags.weights,
    epochs: flags.epochs,
    batchSize: flags['batch-size'],
    lr: flags.lr,
    momentum: flags.momentum,
    weightDecay: flags['weight-decay'],
    featuresLrScale: flags['features-lr-scale'],
    lrDecay:
      flags['lr-gamma'] === 1 || flags.schedule !== 'step'
        ? null
        : { stepSize: flags['lr-step'], gamma: flags['lr-gamma'] },
    imageSize: flags['image-size'],
    widthDivisor: flags['width-divisor'],
    numClasses: flags['num-classes'],
    split: flags.split,
    valInterval: flags['val-interval'],
    outDir,
    resume: flags.resume,
    backend: backendOf(flags.backend),
    force: flags.force,
    maxIterations: flags['max-iterations'],
    workers: flags.workers,
    seed: flags.seed,
    model:
      flags.model !== 'alexnet' ? modelFactory(flags.model) : flags.init === 'kaiming' ? kaimingAlexNet : undefined,
    ...(flags['freeze-bn'] ? { freezeBatchNorm: true } : {}),
    ...recipeConfigFromFlags(flags),
  };
}

/** The flag each config key comes from, where it is not the key in kebab case. */
const FLAG_OF_KEY: Readonly<Record<string, string>> = {
  outDir: 'out',
  freezeBatchNorm: 'freeze-bn',
  lrDecay: 'lr-step',
  'lrDecay.stepSize': 'lr-step',
  'lrDecay.gamma': 'lr-gamma',
  numClasses: 'num-classes',
  ...RECIPE_FLAG_OF_KEY,
};

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The `train` flag a config key was set from, if any. */
export function flagOfConfigKey(key: string): string | undefined {
  const flag = FLAG_OF_KEY[key] ?? kebab(key);
  return Object.hasOwn(TRAIN_OPTIONS, flag) ? flag : undefined;
}

/** Runs `work`; a `ConfigError` about a key set from a flag becomes an `InvalidOptionValueError` naming the flag. */
export async function namingFlags<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const flag = error instanceof ConfigError ? flagOfConfigKey(error.key) : undefined;
    if (flag === undefined || !(error instanceof ConfigError)) throw error;
    throw new InvalidOptionValueError(flag, String(error.actual), error.expected);
  }
}
