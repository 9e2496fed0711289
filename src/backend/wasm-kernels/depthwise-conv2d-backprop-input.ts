import { DepthwiseConv2dNativeBackpropInput } from '@tensorflow/tfjs';
import type { DepthwiseConv2dNativeBackpropInputAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { depthwiseInfo, forEachDepthwiseTap, shape4 } from './depthwise-taps.js';
import { heapFloats, heapStart } from './heap.js';

/**
 * dx[n, r, c, ch] = Σ dy[n, y, x, ch·M + m] · w[i, j, ch, m] over the positions (y, x) and taps
 * (i, j) that read x[n, r, c] and the multipliers m: one pass over the taps that fall inside x,
 * each adding its C channels into dx, a JavaScript loop over the wasm memory (the backend has no
 * such kernel; TensorFlow.js's `cpu` computes the same loop).
 */
function depthwiseConv2dNativeBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  attrs: DepthwiseConv2dNativeBackpropInputAttrs;
  backend: BackendWasm;
}): TensorInfo {
  const {
    inputs: { dy, filter },
    attrs,
    backend,
  } = args;
  const info = depthwiseInfo(attrs.inputShape, shape4(filter), attrs);
  const c = info.inChannels;
  const multiplier = info.outChannels / c;
  const dx = backend.makeOutput([...attrs.inputShape], 'float32');
  const heap = heapFloats(backend);
  const dxs = heapStart(backend, dx);
  const dys = heapStart(backend, dy);
  const ws = heapStart(backend, filter);
  heap.fill(0, dxs, dxs + attrs.inputShape.reduce((a, b) => a * b, 1));
  forEachDepthwiseTap(info, (dyPixel, xPixel, tap) => {
    const from = dys + dyPixel;
    const to = dxs + xPixel;
    const w = ws + tap;
    if (multiplier === 1) {
      for (let ch = 0; ch < c; ch += 1) heap[to + ch]! += heap[from + ch]! * heap[w + ch]!;
      return;
    }
    for (let ch = 0, k = 0; ch < c; ch += 1) {
      let sum = 0;
      for (let m = 0; m < multiplier; m += 1, k += 1) sum += heap[from + k]! * heap[w + k]!;
      heap[to + ch]! += sum;
    }
  });
  return dx;
}

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropInput as unknown as KernelFunc,
};
