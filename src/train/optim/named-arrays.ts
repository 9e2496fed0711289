import * as tf from '@tensorflow/tfjs';

/** Tensors copied to plain memory, by name: what checkpoints store. */
export type NamedArrays = Record<string, { readonly shape: readonly number[]; readonly values: Float32Array }>;

/** Reads each tensor (without blocking the thread) into a `NamedArrays`. */
export async function readNamed(tensors: Iterable<[string, tf.Tensor]>): Promise<NamedArrays> {
  const out: NamedArrays = {};
  for (const [name, tensor] of tensors) {
    out[name] = { shape: [...tensor.shape], values: Float32Array.from(await tensor.data()) };
  }
  return out;
}

/** A non-trainable variable holding a copy of `saved`, for state restored from a checkpoint. */
export function variableOf(saved: NamedArrays[string]): tf.Variable {
  const initial = tf.tensor(saved.values, [...saved.shape], 'float32');
  const held = tf.variable(initial, false);
  initial.dispose();
  return held;
}
