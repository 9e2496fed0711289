import type * as tf from '@tensorflow/tfjs';

/** A file that could not be used, and why: reported, never silently dropped. */
export interface Skipped {
  readonly path: string;
  readonly reason: string;
}

/**
 * One collated batch. Its tensors belong to whoever receives it, who disposes them.
 * `x` is float32 `[n, h, w, 3]`, or `[n, crops, h, w, 3]` after `tenCrop`; `y` is int32 `[n]`.
 */
export interface Batch {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor1D;
  readonly paths: readonly string[];
  /** Files skipped (bad images) since the previous batch of the same epoch. */
  readonly skipped: readonly Skipped[];
}

/**
 * What the training operator pulls from: a cold, pull-based stream of batches per epoch.
 * Nothing is read before iteration starts; breaking out of the iteration stops reading and decoding.
 */
export interface BatchLoader {
  /** Batches in one epoch, known once the source is listed. */
  batchesPerEpoch(): Promise<number>;
  /** Class names, index = label. */
  classes(): Promise<readonly string[]>;
  /** Batches of epoch `epoch` (0-based); the order depends only on the seed and the epoch. */
  epoch(epoch: number): AsyncIterable<Batch>;
}
