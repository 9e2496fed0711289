import * as tf from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type WasmKernelScope, withKernelScope } from '../../src/backend/wasm-kernels/kernel-scope.js';

type Transpose = (scope: WasmKernelScope, matrix: TensorInfo, rows: number, cols: number) => TensorInfo;

/**
 * Runs `transpose` on the active wasm backend over a [rows, cols] matrix of these 32-bit patterns
 * and returns its result's bits (none when the result is not [cols, rows]). Frees what it made.
 */
export function transposedBits(transpose: Transpose, bits: Uint32Array, rows: number, cols: number): Uint32Array {
  const x = tf.tensor2d(new Float32Array(bits.buffer, bits.byteOffset, bits.length), [rows, cols]);
  const y = tf
    .engine()
    .makeTensorFromTensorInfo(withKernelScope(tf.backend() as BackendWasm, (scope) => transpose(scope, x, rows, cols)));
  const shaped = y.shape[0] === cols && y.shape[1] === rows;
  const out = shaped ? new Uint32Array((y.dataSync() as Float32Array).slice().buffer) : new Uint32Array(0);
  tf.dispose([x, y]);
  return out;
}
