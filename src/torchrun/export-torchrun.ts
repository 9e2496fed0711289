import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadClassifier } from '../infer/index.js';
import { parameterGroups, saveTorchWeights, isModelName, encodeTorchObject } from '../models/index.js';
import { readCheckpoint, torchOptimizerStateDict } from '../train/index.js';
import type { ResolvedConfig } from '../train/index.js';
import { transformsFor, type TorchrunRun } from './run-file.js';
import { TRAIN_PY } from './train-py.js';

/** A run's recorded configuration (`configRecord`), as far as the hand-off reads it. */
type RecordedRun = Partial<
  Pick<
    ResolvedConfig,
    | 'split'
    | 'seed'
    | 'epochs'
    | 'batchSize'
    | 'validBatchSize'
    | 'lr'
    | 'momentum'
    | 'weightDecay'
    | 'featuresLrScale'
    | 'widthDivisor'
    | 'imageSize'
  >
> & {
  readonly data?: unknown;
  readonly lrDecay?: { readonly stepSize?: number; readonly gamma?: number; readonly plateau?: unknown } | null;
  readonly model?: unknown;
  readonly optimizer?: unknown;
  readonly schedule?: unknown;
  readonly accumulate?: unknown;
};

/** What of a recorded run `train.py` does not carry yet: it continues AlexNet runs trained by SGD with StepLR or a constant lr. */
function notCarried(config: RecordedRun): string[] {
  return [
    isModelName(config.model) && config.model !== 'alexnet' ? `the model is ${config.model}` : undefined,
    config.optimizer !== undefined && config.optimizer !== 'sgd'
      ? `the optimiser is ${String(config.optimizer)}`
      : undefined,
    config.schedule !== undefined && config.schedule !== null
      ? 'the lr follows a schedule (warm-up, cosine or one-cycle)'
      : undefined,
    typeof config.accumulate === 'number' && config.accumulate > 1
      ? `gradients are accumulated over ${config.accumulate} batches`
      : undefined,
  ].filter((reason): reason is string => reason !== undefined);
}

/** The hand-off cannot be written from this checkpoint: names it and why. */
export class TorchrunExportError extends Error {
  override readonly name = 'TorchrunExportError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/**
 * Writes what continues an rxtrain run under torchrun into `out` (a new or empty folder):
 * `model.pth` (the weights, torchvision's keys), `optimizer.pth` (`torch.optim.SGD`'s `state_dict`:
 * momentum buffers per parameter in PyTorch's layouts, the features and classifier groups with their
 * current and initial lr), `run.json` (see `TorchrunRun`) and `train.py`. Resolves with the files written.
 */
export async function exportTorchrun(checkpoint: string, out: string): Promise<string[]> {
  const state = await readCheckpoint(checkpoint);
  const config = (state.config ?? {}) as RecordedRun;
  const decay = config.lrDecay;
  if (decay && 'plateau' in decay && decay.plateau !== undefined)
    throw new TorchrunExportError(
      checkpoint,
      'the run decays its lr on a plateau; the hand-off carries StepLR or a constant lr',
    );
  const reasons = notCarried(config);
  if (reasons.length > 0)
    throw new TorchrunExportError(
      checkpoint,
      `${reasons.join('; ')}: the hand-off carries AlexNet runs trained by SGD with StepLR or a constant lr`,
    );
  await emptyFolder(out);
  const classifier = await loadClassifier({ checkpoint });
  try {
    const { model } = classifier;
    const groups = parameterGroups(model);
    const lr = config.lr ?? state.optimizer.lrs.at(-1)!;
    const featuresLrScale = config.featuresLrScale ?? 1;
    const settings = { kind: 'sgd' as const, momentum: config.momentum ?? 0, weightDecay: config.weightDecay ?? 0 };
    const initialLrs = groups.map((group) => (group.name === 'features' ? lr * featuresLrScale : lr));
    const names = groups.map((group) => group.variables.map((v) => v.originalName));
    const imageSize = classifier.imageSize;
    const run: TorchrunRun & { readonly rxtrain: unknown } = {
      format: 'rxtrain-torchrun',
      version: 1,
      epoch: state.epoch,
      step: state.step,
      seed: state.seed,
      classes: classifier.classes,
      model: { name: 'alexnet', widthDivisor: config.widthDivisor ?? 1, dropout: 0.5 },
      imageSize,
      data: typeof config.data === 'string' && config.data !== '(loaders)' ? config.data : null,
      split: { fraction: config.split ?? 0.9, seed: state.seed, shuffle: 'python' },
      batchSize: config.batchSize ?? 128,
      validBatchSize: config.validBatchSize ?? 4,
      epochs: config.epochs ?? state.epoch + 1,
      optimizer: { ...settings, lr, featuresLrScale, groups: groups.map((group) => group.name) },
      schedule:
        decay && decay.stepSize !== undefined
          ? { kind: 'step', stepSize: decay.stepSize, gamma: decay.gamma ?? 0.1 }
          : null,
      transforms: transformsFor(imageSize),
      rxtrain: state.config,
    };
    const files = {
      model: join(out, 'model.pth'),
      optimizer: join(out, 'optimizer.pth'),
      run: join(out, 'run.json'),
      script: join(out, 'train.py'),
    };
    await saveTorchWeights(model, files.model);
    await writeFile(
      files.optimizer,
      encodeTorchObject(torchOptimizerStateDict(model, names, state.optimizer, initialLrs, settings)),
    );
    await writeFile(files.run, `${JSON.stringify(run, null, 2)}\n`);
    await writeFile(files.script, TRAIN_PY, { mode: 0o755 });
    return Object.values(files);
  } finally {
    classifier.model.dispose();
  }
}

async function emptyFolder(out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const found = await readdir(out);
  if (found.length > 0)
    throw new TorchrunExportError(
      out,
      `expected a new or empty folder, found ${found.slice(0, 3).join(', ')}${found.length > 3 ? ', …' : ''}`,
    );
}
