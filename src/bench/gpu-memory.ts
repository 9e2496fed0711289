import * as tf from '@tensorflow/tfjs';

/** Bytes of GPU buffers the active backend holds, used or pooled for reuse (the webgpu backend's count); null on a backend that keeps none. */
export function gpuBytesAllocated(): number | null {
  const { numBytesAllocatedInGPU } = tf.memory() as tf.MemoryInfo & { numBytesAllocatedInGPU?: number };
  return typeof numBytesAllocatedInGPU === 'number' ? numBytesAllocatedInGPU : null;
}
