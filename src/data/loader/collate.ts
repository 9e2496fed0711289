import * as tf from '@tensorflow/tfjs';
import type { FloatImage, Sample } from '../sample-types.js';
import { BatchShapeError } from './errors.js';

/** A sample after the augmentation pipeline: one image, or several crops of it (`tenCrop`). */
export type TransformedSample = Sample<FloatImage | readonly FloatImage[]>;

const shapeOf = (image: FloatImage | readonly FloatImage[]): number[] =>
  'data' in image ? [image.height, image.width, 3] : [image.length, ...shapeOf(image[0]!)];

const imagesOf = (image: FloatImage | readonly FloatImage[]): readonly FloatImage[] =>
  'data' in image ? [image] : image;

/** Backends that copy a tensor's values when it is made, so the array can be reused right after. */
export const COPYING_BACKENDS = new Set(['wasm', 'tensorflow']);

/**
 * Stacks samples into `x` float32 `[n, h, w, 3]` (or `[n, crops, h, w, 3]`) and `y` int32 `[n]`.
 * The tensors are new and belong to the caller. Every sample must have the first one's shape.
 * With `scratch`, on a backend that copies values into its own memory, the staging array is kept
 * in `scratch.array` and reused by the next call (a fresh 77 MB array per batch of 128 costs its
 * page faults every time).
 */
export function collate(
  samples: readonly TransformedSample[],
  scratch?: { array?: Float32Array },
): { x: tf.Tensor; y: tf.Tensor1D } {
  const shape = shapeOf(samples[0]!.image);
  const size = shape.reduce((a, b) => a * b, 1);
  const reuse = scratch !== undefined && COPYING_BACKENDS.has(tf.getBackend());
  if (reuse && (scratch.array?.length ?? 0) < samples.length * size)
    scratch.array = new Float32Array(samples.length * size);
  const data = reuse ? scratch.array!.subarray(0, samples.length * size) : new Float32Array(samples.length * size);
  samples.forEach((sample, i) => {
    const own = shapeOf(sample.image);
    if (own.length !== shape.length || own.some((d, k) => d !== shape[k]))
      throw new BatchShapeError(sample.path, shape, own);
    let offset = i * size;
    for (const image of imagesOf(sample.image)) {
      data.set(image.data.subarray(0, image.height * image.width * 3), offset);
      offset += image.height * image.width * 3;
    }
  });
  return {
    x: tf.tensor(data, [samples.length, ...shape], 'float32'),
    y: tf.tensor1d(
      samples.map((s) => s.label),
      'int32',
    ),
  };
}
