import type * as tf from '@tensorflow/tfjs';
import type { Random } from '../../data/sample-types.js';

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

export function checkAlpha(owner: string, alpha: number): void {
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`${owner}: alpha must be a positive number, got ${alpha}`);
}
