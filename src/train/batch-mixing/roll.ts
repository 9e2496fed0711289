import * as tf from '@tensorflow/tfjs';
import { MixingError } from './mixing-error.js';

/** `t.roll(1, 0)`: row i of the result is row i − 1 of `t`, row 0 is the last. */
export function rollBatch<T extends tf.Tensor>(t: T): T {
  const n = t.shape[0];
  if (n < 2) return tf.clone(t);
  return tf.concat([tf.slice(t, [n - 1], [1]), tf.slice(t, [0], [n - 1])]) as T;
}

/** Targets as class probabilities `[n, classes]`: one-hot for integer labels, as they are otherwise. */
export function probabilities(y: tf.Tensor, numClasses: number): tf.Tensor2D {
  if (y.rank === 2) {
    if (y.shape[1] !== numClasses) throw new MixingError(`targets have ${y.shape[1]} classes, expected ${numClasses}`);
    return tf.cast(y, 'float32') as tf.Tensor2D;
  }
  if (y.rank !== 1)
    throw new MixingError(`targets must be labels [n] or probabilities [n, classes], got shape [${y.shape}]`);
  return tf.oneHot(tf.cast(y, 'int32') as tf.Tensor1D, numClasses).toFloat() as tf.Tensor2D;
}

/** `λ·a + (1 − λ)·roll(a)`, torchvision's label (and MixUp's image) mixing. */
export const mixWithRolled = (a: tf.Tensor, lambda: number): tf.Tensor =>
  tf.add(tf.mul(a, lambda), tf.mul(rollBatch(a), 1 - lambda));

export function checkImages(x: tf.Tensor): void {
  if (x.rank !== 4) throw new MixingError(`images must be a batch [n, h, w, channels], got shape [${x.shape}]`);
}
