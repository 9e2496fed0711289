import { webgpuAdapter, describeAdapter } from '../backend/index.js';

const mebibytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** `rxtrain info`'s lines on the WebGPU adapter: what it is and the limits that bound the batch. */
export async function webgpuInfoLines(): Promise<string[]> {
  const found = await webgpuAdapter();
  if (typeof found === 'string') return [`webgpu adapter: none (${found})`];
  const { maxBufferSize, maxStorageBufferBindingSize } = found.limits;
  return [
    `webgpu adapter: ${describeAdapter(found.description)}`,
    `  limits: maxBufferSize ${mebibytes(maxBufferSize)}, maxStorageBufferBindingSize ${mebibytes(maxStorageBufferBindingSize)}`,
  ];
}
