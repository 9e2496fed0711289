import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapStart, heapWords } from './heap.js';
import type { WasmKernelScope } from './kernel-scope.js';
import { TRANSPOSE_MATRIX_WASM } from './transpose-matrix-binary.js';
import { backendModuleExports } from './wasm-module.js';

/** The module's tile side: of 8–4096, 128 was the fastest for AlexNet's 9216×4096 and 4096×4096 dense weights. */
const WASM_TILE = 128;
const JS_TILE = 32;

type TransposeFunction = (from: number, to: number, rows: number, cols: number, tile: number) => void;

/** transpose-matrix.wat over the backend's memory; undefined where it cannot be instantiated. */
const transposeFunction = (backend: BackendWasm) =>
  backendModuleExports(backend, TRANSPOSE_MATRIX_WASM)?.transposeMatrix as TransposeFunction | undefined;

/** Whether `transposeMatrix` runs as WebAssembly here (else as a JavaScript loop). */
export const canTransposeMatrixInWasm = (backend: BackendWasm): boolean => transposeFunction(backend) !== undefined;

/**
 * The transpose [cols, rows] of a row-major [rows, cols] float32 matrix, copied tile by tile:
 * transpose-matrix.wat (4×4 blocks with 128-bit SIMD) where the module can be instantiated over
 * the backend's memory, else `transposeMatrixInJavaScript`. For a large matrix both are several
 * times faster than the backend's `Transpose` kernel.
 */
export function transposeMatrix(scope: WasmKernelScope, matrix: TensorInfo, rows: number, cols: number): TensorInfo {
  const run = transposeFunction(scope.backend);
  if (run === undefined) return transposeMatrixInJavaScript(scope, matrix, rows, cols);
  const out = scope.output([cols, rows]);
  run(heapStart(scope.backend, matrix) * 4, heapStart(scope.backend, out) * 4, rows, cols, WASM_TILE);
  return out;
}

/** The same transpose as a JavaScript loop over the wasm memory, element by element as 32-bit words. */
export function transposeMatrixInJavaScript(
  scope: WasmKernelScope,
  matrix: TensorInfo,
  rows: number,
  cols: number,
): TensorInfo {
  const out = scope.output([cols, rows]);
  const heap = heapWords(scope.backend);
  const from = heapStart(scope.backend, matrix);
  const to = heapStart(scope.backend, out);
  for (let r0 = 0; r0 < rows; r0 += JS_TILE) {
    const r1 = Math.min(rows, r0 + JS_TILE);
    for (let c0 = 0; c0 < cols; c0 += JS_TILE) {
      const c1 = Math.min(cols, c0 + JS_TILE);
      for (let r = r0; r < r1; r += 1) {
        const row = from + r * cols;
        for (let c = c0; c < c1; c += 1) heap[to + c * rows + r] = heap[row + c]!;
      }
    }
  }
  return out;
}
