import * as tf from '@tensorflow/tfjs';

export interface AdamUpdateAttrs {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** AdamW: `p · (1 − lr·wd)` before the step, instead of adding `wd·p` to the gradient (Adam). */
  readonly decoupled: boolean;
  /** The step being taken, 1-based (bias correction). */
  readonly step: number;
}

/** A parameter after one step, and its first and second moments. */
export type AdamUpdated = [parameter: tf.Tensor, expAvg: tf.Tensor, expAvgSq: tf.Tensor];

/**
 * One step of PyTorch's `Adam`/`AdamW` (`torch.optim._functional`, single tensor, no amsgrad) for
 * one parameter tensor: `m = β₁m + (1 − β₁)g`, `v = β₂v + (1 − β₂)g²`,
 * `p = p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)`: eps is added after the bias-corrected
 * square root, as PyTorch does. Moments are undefined before the first step (zeros). Call inside `tf.tidy`.
 */
export function adamUpdate(
  p: tf.Tensor,
  g: tf.Tensor,
  expAvg: tf.Tensor | undefined,
  expAvgSq: tf.Tensor | undefined,
  h: AdamUpdateAttrs,
): AdamUpdated {
  let parameter = p;
  let gradient = g;
  if (h.weightDecay !== 0) {
    if (h.decoupled) parameter = tf.mul(p, 1 - h.lr * h.weightDecay);
    else gradient = tf.add(g, tf.mul(p, h.weightDecay));
  }
  const scaled = tf.mul(gradient, 1 - h.beta1);
  const m = expAvg === undefined ? scaled : tf.add(tf.mul(expAvg, h.beta1), scaled);
  const squared = tf.mul(tf.mul(gradient, gradient), 1 - h.beta2);
  const v = expAvgSq === undefined ? squared : tf.add(tf.mul(expAvgSq, h.beta2), squared);
  const stepSize = h.lr / (1 - h.beta1 ** h.step);
  const denominator = tf.add(tf.div(tf.sqrt(v), Math.sqrt(1 - h.beta2 ** h.step)), h.eps);
  const next = tf.sub(parameter, tf.mul(tf.div(m, denominator), stepSize));
  return [next, m === scaled ? tf.clone(m) : m, v === squared ? tf.clone(v) : v];
}
