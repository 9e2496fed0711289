import * as tf from '@tensorflow/tfjs';

/** Maps logits `[n, classes]` and integer labels `[n]` to a scalar loss. */
export type LossFunction = (logits: tf.Tensor, labels: tf.Tensor) => tf.Scalar;

/** Softmax cross-entropy with integer labels, averaged over the batch: PyTorch's `nn.CrossEntropyLoss()`. */
export const crossEntropy: LossFunction = (logits, labels) =>
  tf.tidy(() => {
    const logProbabilities = tf.logSoftmax(logits as tf.Tensor2D);
    const picked = tf.mul(logProbabilities, tf.oneHot(tf.cast(labels, 'int32') as tf.Tensor1D, logits.shape[1]!));
    return tf.neg(tf.mean(tf.sum(picked, 1))) as tf.Scalar;
  });
