import * as tf from '@tensorflow/tfjs';

/** Maps logits `[n, classes]` and integer labels `[n]` (or class probabilities `[n, classes]`) to a scalar loss. */
export type LossFunction = (logits: tf.Tensor, labels: tf.Tensor) => tf.Scalar;

export interface CrossEntropyOptions {
  /** ε: the target becomes `(1 − ε)·target + ε/classes`, as `nn.CrossEntropyLoss(label_smoothing=ε)`. */
  readonly labelSmoothing?: number;
}

/**
 * `nn.CrossEntropyLoss(label_smoothing=ε)` averaged over the batch, for integer labels `[n]` or
 * class probabilities `[n, classes]` (soft targets, as mixup and cutmix make):
 * `−Σ_c q_c·log softmax(z)_c` with `q = (1 − ε)·target + ε/classes`.
 */
export function crossEntropyLoss({ labelSmoothing = 0 }: CrossEntropyOptions = {}): LossFunction {
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
    throw new RangeError(`crossEntropyLoss: labelSmoothing must be in [0, 1], got ${labelSmoothing}`);
  return (logits, labels) =>
    tf.tidy(() => {
      const classes = logits.shape[1]!;
      const target = labels.rank === 2 ? tf.cast(labels, 'float32') : tf.oneHot(tf.cast(labels, 'int32'), classes);
      const smoothed =
        labelSmoothing === 0 ? target : tf.add(tf.mul(target, 1 - labelSmoothing), labelSmoothing / classes);
      return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits as tf.Tensor2D), smoothed), 1))) as tf.Scalar;
    });
}

/** Softmax cross-entropy with integer labels, averaged over the batch: PyTorch's `nn.CrossEntropyLoss()`. */
export const crossEntropy: LossFunction = crossEntropyLoss();
