import { DepthwiseConv2dNativeBackpropFilter } from '@tensorflow/tfjs';
import type { DepthwiseConv2dNativeBackpropFilterAttrs, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { depthwiseInfo, forEachDepthwiseTap, shape4 } from './depthwise-taps.js';
import { heapFloats, heapStart } from './heap.js';

/**
 * dW[i, j, ch, m] = Σ x[n, y·s + i·d − top, x·s + j·d − left, ch] · dy[n, y, x, ch·M + m] over
 * the images and output positions whose tap reads inside x: one pass over those taps, summed in
 * float64 (as `cpu` sums) and written once, a JavaScript loop over the wasm memory (the backend
 * has no such kernel).
 */
function depthwiseConv2dNativeBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
  backend: BackendWasm;
}): TensorInfo {
  const {
    inputs: { x, dy },
    attrs,
    backend,
  } = args;
  const info = depthwiseInfo(shape4(x), attrs.filterShape, attrs);
  const c = info.inChannels;
  const multiplier = info.outChannels / c;
  const sums = new Float64Array(attrs.filterShape.reduce((a, b) => a * b, 1));
  const dw = backend.makeOutput([...attrs.filterShape], 'float32');
  const heap = heapFloats(backend);
  const xs = heapStart(backend, x);
  const dys = heapStart(backend, dy);
  forEachDepthwiseTap(info, (dyPixel, xPixel, tap) => {
    const from = dys + dyPixel;
    const image = xs + xPixel;
    if (multiplier === 1) {
      for (let ch = 0; ch < c; ch += 1) sums[tap + ch]! += heap[image + ch]! * heap[from + ch]!;
      return;
    }
    for (let ch = 0, k = 0; ch < c; ch += 1) {
      const value = heap[image + ch]!;
      for (let m = 0; m < multiplier; m += 1, k += 1) sums[tap + k]! += value * heap[from + k]!;
    }
  });
  heap.set(sums, heapStart(backend, dw));
  return dw;
}

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropFilter as unknown as KernelFunc,
};
