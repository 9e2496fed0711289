import * as tf from '@tensorflow/tfjs';
import { from } from 'ix/asynciterable';
import { map } from 'ix/asynciterable/operators';
import { seededRandom } from '../../data/index.js';
import type { TrainBatch, TrainLoader } from '../loop/index.js';
import type { Mixer } from './mixer.js';

export interface MixedLoaderOptions {
  readonly numClasses: number;
  /** Batch i of epoch e draws from `seededRandom(seed, e, i)`: the same batches on every run and on resume. */
  readonly seed: number;
  /** Probability that a batch is mixed at all (timm's `prob`); default 1. */
  readonly probability?: number | undefined;
}

/**
 * `loader` with every batch mixed by `mixer` (mixup, cutmix or a switch between them): images
 * mixed on the device, targets as class probabilities for a loss that takes them
 * (`crossEntropyLoss`). Each source batch is disposed once mixed.
 */
export function mixedLoader(
  loader: TrainLoader,
  mixer: Mixer,
  { numClasses, seed, probability = 1 }: MixedLoaderOptions,
): TrainLoader {
  if (!(probability >= 0 && probability <= 1))
    throw new RangeError(`mixedLoader: probability must be in [0, 1], got ${probability}`);
  return {
    batchesPerEpoch: () => loader.batchesPerEpoch(),
    classes: () => loader.classes(),
    epoch: (epoch) =>
      from(loader.epoch(epoch)).pipe(
        map((batch: TrainBatch, index: number): TrainBatch => {
          const random = seededRandom(seed, epoch, index);
          if (random.next() >= probability) return batch;
          try {
            const { x, y } = mixer.mix(batch, numClasses, random);
            return { ...batch, x, y };
          } finally {
            tf.dispose([batch.x, batch.y]);
          }
        }),
      ),
  };
}
