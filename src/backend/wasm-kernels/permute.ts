import type { TensorInfo } from '@tensorflow/tfjs';
import { heapFloats, heapStart } from './heap.js';
import type { WasmKernelScope } from './kernel-scope.js';

/**
 * Transposes a float32 tensor by `perm`, which must keep the last axis last: the last axis moves
 * as whole runs (one `copyWithin` each), so this costs a copy, where the backend's `Transpose`
 * kernel moves one element at a time.
 */
export function permuteKeepingLast(scope: WasmKernelScope, x: TensorInfo, perm: readonly number[]): TensorInfo {
  const shape = x.shape;
  const rank = shape.length;
  if (perm[rank - 1] !== rank - 1) throw new Error(`permuteKeepingLast: perm ${perm} moves the last axis`);
  const run = shape[rank - 1]!;
  const outShape = perm.map((axis) => shape[axis]!);
  const runStride = new Array<number>(rank - 1);
  for (let axis = rank - 2, stride = 1; axis >= 0; axis -= 1) {
    runStride[axis] = stride;
    stride *= shape[axis]!;
  }
  const strides = perm.slice(0, -1).map((axis) => runStride[axis]! * run);
  const counts = outShape.slice(0, -1);
  const out = scope.output(outShape);
  const heap = heapFloats(scope.backend);
  const from = heapStart(scope.backend, x);
  let to = heapStart(scope.backend, out);
  const index = new Array<number>(rank - 1).fill(0);
  const runs = counts.reduce((a, b) => a * b, 1);
  let source = from;
  for (let r = 0; r < runs; r += 1, to += run) {
    heap.copyWithin(to, source, source + run);
    for (let axis = rank - 2; axis >= 0; axis -= 1) {
      index[axis]! += 1;
      source += strides[axis]!;
      if (index[axis]! < counts[axis]!) break;
      source -= strides[axis]! * counts[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}
