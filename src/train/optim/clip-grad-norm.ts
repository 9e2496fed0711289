import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from './sgd.js';
import { wrapOptimizer } from './wrap-optimizer.js';
import { checkArgument, positiveNumber } from '../../util/index.js';

export interface ClipOptions {
  readonly maxNorm: number;
  /** 2 (default) or `Infinity`. */
  readonly normType?: number;
}

/** Clipped gradients and the total norm before clipping. */
export interface Clipped {
  readonly grads: tf.NamedTensorMap;
  readonly totalNorm: tf.Scalar;
}

function checkClip(maxNorm: number, normType: number): void {
  checkArgument('clipGradNorm', 'maxNorm', maxNorm, positiveNumber);
  if (!(normType > 0)) throw new RangeError(`clipGradNorm: normType must be positive or Infinity, got ${normType}`);
}

/**
 * `torch.nn.utils.clip_grad_norm_`: the norm of all gradients together (the `normType`-norm of
 * their norms), and every gradient scaled by `min(1, maxNorm / (total + 1e-6))`. New tensors; the
 * caller disposes them and `grads`.
 */
export function clipGradNorm(grads: tf.NamedTensorMap, { maxNorm, normType = 2 }: ClipOptions): Clipped {
  checkClip(maxNorm, normType);
  return tf.tidy(() => {
    const names = Object.keys(grads);
    if (names.length === 0) return { grads: {}, totalNorm: tf.keep(tf.scalar(0)) };
    const norms = tf.stack(names.map((name) => tf.norm(grads[name]!, normType === Infinity ? Infinity : normType)));
    const totalNorm = tf.norm(norms, normType === Infinity ? Infinity : normType) as tf.Scalar;
    const coefficient = tf.minimum(tf.div(maxNorm, tf.add(totalNorm, 1e-6)), 1);
    const clipped = Object.fromEntries(names.map((name) => [name, tf.keep(tf.mul(grads[name]!, coefficient))]));
    return { grads: clipped, totalNorm: tf.keep(totalNorm) };
  });
}

/** `optimizer` with its gradients clipped by `clipGradNorm` before each step. */
export function withGradClipping(optimizer: Optimizer, options: ClipOptions): Optimizer {
  checkClip(options.maxNorm, options.normType ?? 2);
  return wrapOptimizer(optimizer, {
    step(grads) {
      const clipped = clipGradNorm(grads, options);
      try {
        optimizer.step(clipped.grads);
      } finally {
        tf.dispose([clipped.totalNorm, clipped.grads]);
      }
    },
  });
}
