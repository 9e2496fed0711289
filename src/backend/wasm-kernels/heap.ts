import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * The wasm memory as floats, and where a tensor starts in it. One view serves every tensor of a
 * kernel, so copies between tensors are `copyWithin` (a memmove) with no allocation. Take the view
 * after making the kernel's outputs: making a tensor can grow the memory and detach older views.
 */
export function heapFloats(backend: BackendWasm): Float32Array {
  return new Float32Array((backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer);
}

/** The same memory as 32-bit words: copies through it keep every bit (a float's NaN payload too). */
export function heapWords(backend: BackendWasm): Int32Array {
  return new Int32Array((backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer);
}

/** Index of the tensor's first element in `heapFloats(backend)`. */
export function heapStart(backend: BackendWasm, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).memoryOffset / 4;
}
