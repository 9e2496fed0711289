import type * as tf from '@tensorflow/tfjs';
import type { Batch, BatchLoader } from '../../data/index.js';

/** A batch as training takes it: targets are labels `[n]`, or class probabilities `[n, classes]` (mixup, cutmix). */
export interface TrainBatch extends Omit<Batch, 'y'> {
  readonly y: tf.Tensor1D | tf.Tensor2D;
}

/** What `fit` pulls from: a `BatchLoader`, or one whose batches carry soft targets. */
export interface TrainLoader extends Omit<BatchLoader, 'epoch'> {
  epoch(epoch: number): AsyncIterable<TrainBatch>;
}
