import { backend_util, MaxPoolGrad } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapFloats, heapStart } from './heap.js';

/**
 * Each output position's gradient goes to the first maximum of its window in x (scanned row by
 * row, as the `cpu` backend does; none when the window holds no number above −∞). One pass over
 * the windows, all channels of a position at once; the backend's own kernel took about 15× the
 * pooling itself.
 */
function maxPoolGrad(args: { inputs: { dy: TensorInfo; input: TensorInfo }; attrs: MaxPoolGradAttrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const { dy, input: x } = inputs;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const { top, left } = info.padInfo;
  const dx = backend.makeOutput([...x.shape], 'float32');
  const heap = heapFloats(backend);
  const xs = heapStart(backend, x);
  const dys = heapStart(backend, dy);
  const dxs = heapStart(backend, dx);
  heap.fill(0, dxs, dxs + batchSize * inHeight * inWidth * c);
  const best = new Float64Array(c);
  const at = new Int32Array(c);
  let out = dys;
  for (let n = 0; n < batchSize; n += 1) {
    for (let y = 0; y < outHeight; y += 1) {
      const r0 = Math.max(0, y * strideHeight - top);
      const r1 = Math.min(inHeight, y * strideHeight - top + filterHeight);
      for (let xo = 0; xo < outWidth; xo += 1, out += c) {
        const c0 = Math.max(0, xo * strideWidth - left);
        const c1 = Math.min(inWidth, xo * strideWidth - left + filterWidth);
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let r = r0; r < r1; r += 1) {
          for (let col = c0; col < c1; col += 1) {
            const pixel = ((n * inHeight + r) * inWidth + col) * c;
            for (let ch = 0; ch < c; ch += 1) {
              const v = heap[xs + pixel + ch]!;
              if (v > best[ch]!) {
                best[ch] = v;
                at[ch] = pixel + ch;
              }
            }
          }
        }
        for (let ch = 0; ch < c; ch += 1) if (at[ch]! >= 0) heap[dxs + at[ch]!] += heap[out + ch]!;
      }
    }
  }
  return dx;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
