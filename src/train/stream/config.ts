import { isBackendChoice, type BackendChoice } from '../../backend/index.js';
import type { BatchLoader } from '../../data/index.js';
import { ALEXNET_MIN_INPUT_SIZE } from '../../models/index.js';
import type { EarlyStoppingOptions, PlateauOptions } from '../operators/index.js';
import { boolean, fail, integer, isObject, noUnknownKeys, number, string, type Check } from './config-checks.js';
import { RECIPE_CHECKS } from './recipe-checks.js';
import { RECIPE_DEFAULTS, type RecipeConfig } from './recipe-config.js';
import type { ModelFactory } from '../../models/index.js';
import { DEFAULT_SEED } from '../../data/index.js';

/** Batches made elsewhere: `train` is pulled by `fit`, `valid` by `validate`. */
export interface Loaders {
  readonly train: BatchLoader;
  readonly valid?: BatchLoader;
}

export type LrDecay =
  { readonly stepSize: number; readonly gamma?: number } | { readonly plateau: PlateauOptions } | null;

/** A training run, as the seed script configures it. Every key but `data` has the seed's default. */
export interface TrainConfig extends RecipeConfig {
  /** A Kaggle cats-vs-dogs folder (`cat.N.jpg`, `dog.N.jpg`), or loaders made elsewhere. */
  readonly data: string | Loaders;
  /** Fraction of the shuffled listing used for training; the rest validates. */
  readonly split?: number | undefined;
  readonly seed?: number | undefined;
  readonly numClasses?: number | undefined;
  readonly epochs?: number | undefined;
  readonly batchSize?: number | undefined;
  readonly validBatchSize?: number | undefined;
  readonly lr?: number | undefined;
  readonly momentum?: number | undefined;
  readonly weightDecay?: number | undefined;
  /** `StepLR` options, `{ plateau }` for `ReduceLROnPlateau`, or `null` for a constant rate. */
  readonly lrDecay?: LrDecay | undefined;
  /** Emit a `step` event every this many iterations (and at each epoch's last). */
  readonly logInterval?: number | undefined;
  /** Validate every this many epochs. */
  readonly valInterval?: number | undefined;
  /** The features' learning rate is `lr · featuresLrScale` (the seed's `flag = 1` uses 0.1; 0 freezes them). */
  readonly featuresLrScale?: number | undefined;
  /** A PyTorch `.pth` state dict; the head is replaced when its class count differs from `numClasses`. */
  readonly weights?: string | undefined;
  readonly model?: ModelFactory | undefined;
  /** Keep every BatchNorm in eval mode while training: running statistics used and left as they are. */
  readonly freezeBatchNorm?: boolean | undefined;
  readonly widthDivisor?: number | undefined;
  readonly imageSize?: number | undefined;
  /** Where checkpoints go (`outDir/checkpoints`); without it nothing is written. */
  readonly outDir?: string | undefined;
  /** A checkpoint file, or `'latest'` in `outDir/checkpoints`. */
  readonly resume?: string | undefined;
  readonly backend?: BackendChoice | undefined;
  /** Stop after this many steps in total (smoke runs). */
  readonly maxIterations?: number | undefined;
  readonly keepLast?: number | undefined;
  readonly earlyStopping?: EarlyStoppingOptions | null | undefined;
  /** Start over in an `outDir` that holds an earlier run's checkpoints, deleting them (without it, that is an error). */
  readonly force?: boolean | undefined;
  /**
   * Loader worker threads for `data`, a folder or shards (the loader's `workers`; default the loader's, see
   * docs/pipeline.md, *Threads*). `0` decodes on the training's own thread. Batches are the same for any count.
   */
  readonly workers?: number | undefined;
}

type Defaulted = 'data' | 'weights' | 'model' | 'outDir' | 'resume' | 'maxIterations' | 'workers';
export type ResolvedConfig = {
  readonly [K in Exclude<keyof TrainConfig, Defaulted>]-?: Exclude<TrainConfig[K], undefined>;
} & Pick<TrainConfig, Defaulted>;

export const DEFAULTS: Omit<ResolvedConfig, Defaulted> = {
  split: 0.9,
  seed: DEFAULT_SEED,
  numClasses: 2,
  epochs: 3,
  batchSize: 128,
  validBatchSize: 4,
  lr: 0.001,
  momentum: 0.9,
  weightDecay: 0,
  lrDecay: { stepSize: 1, gamma: 0.1 },
  logInterval: 1,
  valInterval: 1,
  featuresLrScale: 1,
  widthDivisor: 1,
  freezeBatchNorm: false,
  imageSize: 224,
  backend: 'auto',
  keepLast: 3,
  earlyStopping: null,
  force: false,
  ...RECIPE_DEFAULTS,
};

const isLoader = (v: unknown): boolean =>
  isObject(v) && typeof v.epoch === 'function' && typeof v.batchesPerEpoch === 'function';

const CHECKS: Record<keyof TrainConfig, Check> = {
  ...RECIPE_CHECKS,
  data: (v, k) => {
    if (typeof v === 'string') return string(v, k);
    if (!isObject(v) || !isLoader(v.train) || (v.valid !== undefined && !isLoader(v.valid))) {
      fail(k, 'a folder path or { train: BatchLoader, valid?: BatchLoader }', v);
    }
    noUnknownKeys(v as Record<string, unknown>, ['train', 'valid'], `${k}.`);
  },
  split: number(0, 1, true),
  seed: integer(0),
  numClasses: integer(2),
  epochs: integer(1),
  batchSize: integer(1),
  validBatchSize: integer(1),
  lr: number(0),
  momentum: number(0, 1),
  weightDecay: number(0),
  lrDecay: (v, k) => {
    if (v === null) return;
    if (!isObject(v)) return fail(k, '{ stepSize, gamma }, { plateau: {...} } or null', v);
    if ('plateau' in v) {
      noUnknownKeys(v, ['plateau'], `${k}.`);
      if (!isObject(v.plateau)) fail(`${k}.plateau`, 'an object of ReduceLROnPlateau options', v.plateau);
      const plateau = v.plateau as Record<string, unknown>;
      noUnknownKeys(
        plateau,
        ['monitor', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps'],
        `${k}.plateau.`,
      );
      if (plateau.monitor !== undefined && plateau.monitor !== 'loss' && plateau.monitor !== 'accuracy')
        fail(`${k}.plateau.monitor`, "'loss' or 'accuracy'", plateau.monitor);
      if (plateau.factor !== undefined) number(0, 1, true)(plateau.factor, `${k}.plateau.factor`);
      if (plateau.factor === 1) fail(`${k}.plateau.factor`, 'a number in (0, 1)', 1);
      if (plateau.patience !== undefined) integer(0)(plateau.patience, `${k}.plateau.patience`);
      if (plateau.threshold !== undefined) number(0)(plateau.threshold, `${k}.plateau.threshold`);
      if (plateau.thresholdMode !== undefined && plateau.thresholdMode !== 'rel' && plateau.thresholdMode !== 'abs') {
        fail(`${k}.plateau.thresholdMode`, "'rel' or 'abs'", plateau.thresholdMode);
      }
      if (plateau.cooldown !== undefined) integer(0)(plateau.cooldown, `${k}.plateau.cooldown`);
      if (plateau.minLr !== undefined) number(0)(plateau.minLr, `${k}.plateau.minLr`);
      if (plateau.eps !== undefined) number(0)(plateau.eps, `${k}.plateau.eps`);
      return;
    }
    noUnknownKeys(v, ['stepSize', 'gamma'], `${k}.`);
    integer(1)(v.stepSize, `${k}.stepSize`);
    if (v.gamma !== undefined) number(0, 1, true)(v.gamma, `${k}.gamma`);
  },
  logInterval: integer(1),
  valInterval: integer(1),
  featuresLrScale: number(0),
  weights: string,
  model: (v, k) => {
    if (typeof v !== 'function')
      fail(k, 'a function ({ numClasses, imageSize, widthDivisor, seed }) => tf.LayersModel', v);
  },
  widthDivisor: integer(1),
  freezeBatchNorm: boolean,
  imageSize: integer(1),
  outDir: string,
  resume: string,
  backend: (v, k) => {
    if (typeof v !== 'string' || !isBackendChoice(v))
      fail(k, "'auto', 'tensorflow-gpu', 'tensorflow', 'wasm' or 'cpu'", v);
  },
  maxIterations: integer(1),
  workers: integer(0),
  keepLast: integer(1),
  force: boolean,
  earlyStopping: (v, k) => {
    if (v === null) return;
    if (!isObject(v)) return fail(k, '{ monitor, patience, minDelta } or null', v);
    noUnknownKeys(v, ['monitor', 'patience', 'minDelta'], `${k}.`);
    if (v.monitor !== undefined && v.monitor !== 'loss' && v.monitor !== 'accuracy')
      fail(`${k}.monitor`, "'loss' or 'accuracy'", v.monitor);
    if (v.patience !== undefined) integer(1)(v.patience, `${k}.patience`);
    if (v.minDelta !== undefined) number(0)(v.minDelta, `${k}.minDelta`);
  },
};

/** Checks every key before any work and fills in the seed's defaults; throws `ConfigError` naming the key. */
export function resolveConfig(config: unknown): ResolvedConfig {
  if (!isObject(config)) return fail('(root)', 'an object', config);
  noUnknownKeys(config, Object.keys(CHECKS), '');
  if (config.data === undefined) fail('data', 'a folder path or { train, valid } loaders', undefined);
  for (const [key, value] of Object.entries(config))
    if (value !== undefined) CHECKS[key as keyof TrainConfig](value, key);
  if (
    config.schedule !== undefined &&
    config.schedule !== null &&
    config.lrDecay !== undefined &&
    config.lrDecay !== null
  ) {
    fail('lrDecay', 'null or left out when a schedule is set', config.lrDecay);
  }
  const given = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  const adamwDecay = config.optimizer === 'adamw' && config.weightDecay === undefined ? { weightDecay: 1e-2 } : {};
  const resolved = {
    ...DEFAULTS,
    ...adamwDecay,
    ...given,
    ...(config.schedule ? { lrDecay: null } : {}),
  } as ResolvedConfig;
  const minImageSize = resolved.model === undefined ? ALEXNET_MIN_INPUT_SIZE.torchvision : resolved.model.minImageSize;
  if (minImageSize !== undefined && resolved.imageSize < minImageSize) {
    fail(
      'imageSize',
      `an integer ≥ ${minImageSize}, the smallest input ${resolved.model?.name || 'AlexNet'} accepts`,
      resolved.imageSize,
    );
  }
  if (resolved.resume === 'latest' && resolved.outDir === undefined)
    fail('resume', "an outDir to look for 'latest' in, or a checkpoint path", 'latest');
  return resolved;
}

/** The configuration as JSON, as checkpoints record it (functions and loaders are named, not kept). */
export function configRecord(config: ResolvedConfig): Record<string, unknown> {
  return {
    ...config,
    data: typeof config.data === 'string' ? config.data : '(loaders)',
    model: config.model === undefined ? undefined : config.model.name || '(factory)',
    noDecay: typeof config.noDecay === 'function' ? config.noDecay.name || '(rule)' : config.noDecay,
    schedule:
      config.schedule?.kind === 'custom'
        ? { ...config.schedule, schedule: config.schedule.schedule?.name }
        : config.schedule,
  };
}
