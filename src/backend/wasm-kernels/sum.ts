import { util } from '@tensorflow/tfjs';
import type { KernelConfig, SumAttrs, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapFloats, heapStart } from './heap.js';
import { replacingKernel } from './replacing-kernel.js';

/**
 * A float32 sum over every axis but the last (a bias gradient: dy summed over batch and positions)
 * as one pass over the rows, added into per-channel sums; the backend's own kernel first
 * transposes the channels to the front. Other sums go to the backend's kernel.
 */
export function makeSumConfig(backendOwn: KernelConfig): KernelConfig {
  function sum(args: { inputs: { x: TensorInfo }; attrs: SumAttrs; backend: BackendWasm }): TensorInfo {
    const { inputs, attrs, backend } = args;
    const { x } = inputs;
    const rank = x.shape.length;
    const axes = util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
    const allButLast = rank >= 2 && axes.length === rank - 1 && axes.every((axis, i) => axis === i);
    if (!allButLast || x.dtype !== 'float32') return backendOwn.kernelFunc(args as never) as TensorInfo;
    const channels = x.shape[rank - 1]!;
    const rows = util.sizeFromShape(x.shape) / channels;
    const out = backend.makeOutput(
      attrs.keepDims ? [...x.shape.slice(0, -1).map(() => 1), channels] : [channels],
      'float32',
    );
    const heap = heapFloats(backend);
    const from = heapStart(backend, x);
    const sums = new Float64Array(channels);
    for (let r = 0, at = from; r < rows; r += 1, at += channels) {
      for (let c = 0; c < channels; c += 1) sums[c]! += heap[at + c]!;
    }
    heap.set(sums, heapStart(backend, out));
    return out;
  }

  return replacingKernel(backendOwn, sum);
}
