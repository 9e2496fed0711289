import { IMAGENET_MEAN, IMAGENET_STD } from '../data/functional/index.js';
import { resizeSideFor } from '../data/index.js';
import type { OptimizerSettings } from '../train/index.js';

/** `run.json`: where a run stands and how it was set up, for train.py (and for `rxtrain train --resume` on the way back). */
export interface TorchrunRun {
  readonly format: 'rxtrain-torchrun';
  readonly version: 1;
  /** Epochs completed and optimisation steps taken. */
  readonly epoch: number;
  readonly step: number;
  readonly seed: number;
  readonly classes: readonly string[];
  readonly model: { readonly name: 'alexnet'; readonly widthDivisor: number; readonly dropout: number };
  readonly imageSize: number;
  /** The training data as the run read it: a folder, or a shard set's folder or URL. */
  readonly data: string | null;
  readonly split: { readonly fraction: number; readonly seed: number; readonly shuffle: 'python' };
  readonly batchSize: number;
  readonly validBatchSize: number;
  readonly epochs: number;
  readonly optimizer: OptimizerSettings & {
    readonly lr: number;
    readonly featuresLrScale: number;
    readonly groups: readonly string[];
  };
  /** `StepLR(step_size, gamma)` after each epoch, or none. */
  readonly schedule: { readonly kind: 'step'; readonly stepSize: number; readonly gamma: number } | null;
  /** torchvision's transforms, by name and arguments, of the training, validation and hand-off check inputs. */
  readonly transforms: Readonly<Record<'train' | 'valid' | 'check', readonly (readonly [string, ...unknown[]])[]>>;
}

/** The seed's transforms at `imageSize` as torchvision spells them, and the deterministic one the hand-off checks its loss with. */
export function transformsFor(imageSize: number): TorchrunRun['transforms'] {
  const side = resizeSideFor(imageSize);
  const normalize = ['Normalize', [...IMAGENET_MEAN], [...IMAGENET_STD]] as const;
  return {
    train: [
      ['Resize', side],
      ['CenterCrop', side],
      ['RandomCrop', imageSize],
      ['RandomHorizontalFlip', 0.5],
      ['ToTensor'],
      normalize,
    ],
    valid: [['Resize', [side, side]], ['TenCrop', imageSize], ['ToTensor'], normalize],
    check: [['Resize', [imageSize, imageSize]], ['ToTensor'], normalize],
  };
}
