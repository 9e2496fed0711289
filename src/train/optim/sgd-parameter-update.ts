import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { canRunSgdUpdate, SGD_UPDATE, type SgdUpdateAttrs } from '../../backend/index.js';

export type { SgdUpdateAttrs };

/** A parameter after one step, and its momentum buffer (none without momentum). */
export type SgdUpdated = [parameter: tf.Tensor] | [parameter: tf.Tensor, buffer: tf.Tensor];

/**
 * One step of PyTorch's SGD for one parameter tensor with tf ops (any backend): `d = g + wd·p`;
 * `buf = d` when `buffer` is undefined (the first step), else `μ·buf + (1 − dampening)·d`;
 * `d = d + μ·buf` (Nesterov) or `buf`; `p − lr·d`. Call inside `tf.tidy`.
 */
export function sgdUpdateWithOps(
  p: tf.Tensor,
  g: tf.Tensor,
  buffer: tf.Tensor | undefined,
  h: SgdUpdateAttrs,
): SgdUpdated {
  let d = h.weightDecay === 0 ? g : tf.add(g, tf.mul(p, h.weightDecay));
  let next: tf.Tensor | undefined;
  if (h.momentum !== 0) {
    if (buffer === undefined) {
      next = tf.clone(d);
    } else {
      const scaled = h.dampening === 0 ? d : tf.mul(d, 1 - h.dampening);
      next = tf.add(tf.mul(buffer, h.momentum), scaled);
    }
    d = h.nesterov ? tf.add(d, tf.mul(next, h.momentum)) : next;
  }
  const parameter = tf.sub(p, tf.mul(d, h.lr));
  return next === undefined ? [parameter] : [parameter, next];
}

/** The same step as one wasm kernel: one pass over the tensor, the same float32 results. */
export function sgdUpdateFused(
  p: tf.Tensor,
  g: tf.Tensor,
  buffer: tf.Tensor | undefined,
  h: SgdUpdateAttrs,
): SgdUpdated {
  const inputs: tf.NamedTensorMap =
    buffer === undefined ? { parameter: p, gradient: g } : { parameter: p, gradient: g, buffer };
  return tf.engine().runKernel(SGD_UPDATE, inputs, { ...h }) as SgdUpdated;
}

/** Whether `sgdUpdateFused` runs here: the wasm backend is active with the kernel, on float32 tensors. */
export function canFuseSgdUpdate(...tensors: readonly (tf.Tensor | undefined)[]): boolean {
  return (
    tf.getBackend() === 'wasm' &&
    tf.getKernel(SGD_UPDATE, 'wasm') !== undefined &&
    canRunSgdUpdate(tf.backend() as BackendWasm) &&
    tensors.every((t) => t === undefined || t.dtype === 'float32')
  );
}

/** One SGD step of one parameter tensor: fused on wasm, tf ops elsewhere. Call inside `tf.tidy`. */
export function sgdUpdate(p: tf.Tensor, g: tf.Tensor, buffer: tf.Tensor | undefined, h: SgdUpdateAttrs): SgdUpdated {
  return canFuseSgdUpdate(p, g, buffer) ? sgdUpdateFused(p, g, buffer, h) : sgdUpdateWithOps(p, g, buffer, h);
}
