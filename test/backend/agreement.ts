import * as tf from '@tensorflow/tfjs';
import type { NamedAttrMap, Tensor } from '@tensorflow/tfjs';

export { relativeError } from '../../src/bench/relative-error.js';

/** Deterministic values in [-1, 1) from a seed (mulberry32), so both backends see the same data. */
export function seededValues(seed: number, size: number): Float32Array {
  const values = new Float32Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    values[i] = (((z ^ (z >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  }
  return values;
}

export interface KernelRun {
  readonly values: Float32Array;
  readonly shape: number[];
  /** Tensors plus backend buffers alive after the run minus before it: 0 when nothing leaked. */
  readonly leaked: number;
}

/** Runs one kernel by name on `backend` with the given input data; disposes everything it made. */
export async function runKernelOn(
  backend: string,
  kernelName: string,
  inputs: Record<string, { values: Float32Array; shape: number[] }>,
  attrs: Readonly<Record<string, unknown>>,
): Promise<KernelRun> {
  await tf.setBackend(backend);
  const alive = () => tf.memory().numTensors + tf.engine().backend.numDataIds();
  const before = alive();
  const tensors = Object.fromEntries(
    Object.entries(inputs).map(([name, { values, shape }]) => [name, tf.tensor(values, shape)]),
  );
  const out = tf.engine().runKernel(kernelName, tensors, attrs as NamedAttrMap) as Tensor;
  const run = { values: (await out.data()) as Float32Array, shape: out.shape };
  tf.dispose([out, ...Object.values(tensors)]);
  return { ...run, leaked: alive() - before };
}
