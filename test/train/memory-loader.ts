import * as tf from '@tensorflow/tfjs';
import type { Batch, BatchLoader } from '../../src/data/batch-types.js';
import { seededRandom } from '../../src/data/random.js';

export interface MemoryLoaderOptions {
  readonly batchSize: number;
  /** Shape of one sample, e.g. `[32, 32, 3]` or `[10, 32, 32, 3]` for ten crops. */
  readonly sampleShape: readonly number[];
  /** Shuffle per epoch from this seed; default: keep the order. */
  readonly seed?: number;
  readonly classes?: readonly string[];
}

/** A `BatchLoader` over samples held in memory; makes fresh tensors for every batch it yields. */
export function memoryLoader(
  samples: Float32Array,
  labels: readonly number[],
  options: MemoryLoaderOptions,
): BatchLoader & {
  readonly live: () => number;
} {
  const sampleSize = options.sampleShape.reduce((a, b) => a * b, 1);
  const count = labels.length;
  let live = 0;
  const order = (epoch: number): number[] => {
    const indices = [...Array(count).keys()];
    if (options.seed === undefined) return indices;
    const random = seededRandom(options.seed, epoch);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    return indices;
  };
  return {
    batchesPerEpoch: async () => Math.ceil(count / options.batchSize),
    classes: async () => options.classes ?? ['0', '1'],
    live: () => live,
    async *epoch(epoch: number): AsyncGenerator<Batch> {
      const indices = order(epoch);
      for (let start = 0; start < count; start += options.batchSize) {
        const chosen = indices.slice(start, start + options.batchSize);
        const x = new Float32Array(chosen.length * sampleSize);
        chosen.forEach((index, row) =>
          x.set(samples.subarray(index * sampleSize, (index + 1) * sampleSize), row * sampleSize),
        );
        await new Promise((resolve) => setImmediate(resolve));
        live += 1;
        try {
          yield {
            x: tf.tensor(x, [chosen.length, ...options.sampleShape]),
            y: tf.tensor1d(
              chosen.map((index) => labels[index]!),
              'int32',
            ),
            paths: chosen.map((index) => `memory:${index}`),
            skipped: [],
          };
        } finally {
          live -= 1;
        }
      }
    },
  };
}
