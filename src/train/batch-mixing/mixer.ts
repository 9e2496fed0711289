import type * as tf from '@tensorflow/tfjs';
import type { Random } from '../../data/index.js';
import { sampleBeta } from './beta.js';
import { checkImages } from './roll.js';
import { checkArgument, positiveNumber } from '../../util/index.js';

/** A collated training batch whose targets are labels `[n]` or class probabilities `[n, classes]`. */
export interface Mixable {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
}

/** What a mixer made: new images and soft targets `[n, classes]`, and the λ it used (the share of each image kept). */
export interface Mixed {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor2D;
  readonly lambda: number;
}

/**
 * Mixes a batch with itself rolled by one (sample i with sample i − 1), torchvision v2's way: one
 * λ per batch, drawn from `random`. New tensors; the caller disposes the batch and the result.
 */
export interface Mixer {
  readonly name: string;
  mix(batch: Mixable, numClasses: number, random: Random): Mixed;
}

/**
 * A mixer drawing λ ~ Beta(α, α) for each batch of images `[n, h, w, c]`, then mixing with `mix`
 * (which may draw more from `random`).
 */
export function betaMixer(
  name: string,
  alpha: number,
  mix: (batch: Mixable, numClasses: number, random: Random, lambda: number) => Mixed,
): Mixer {
  checkArgument(name, 'alpha', alpha, positiveNumber);
  return {
    name,
    mix(batch, numClasses, random) {
      checkImages(batch.x);
      return mix(batch, numClasses, random, sampleBeta(alpha, alpha, random));
    },
  };
}
