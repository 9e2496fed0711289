import { backend_util, MaxPoolGrad } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapFloats, heapStart } from './heap.js';
import { MAX_POOL_GRAD_WASM } from './max-pool-grad-binary.js';
import { backendModuleExports } from './wasm-module.js';

type MaxPoolGradFunction = (
  x: number,
  dy: number,
  dx: number,
  batch: number,
  inHeight: number,
  inWidth: number,
  channels: number,
  outHeight: number,
  outWidth: number,
  strideHeight: number,
  strideWidth: number,
  filterHeight: number,
  filterWidth: number,
  top: number,
  left: number,
) => void;

/** max-pool-grad.wat over the backend's memory; undefined where it cannot be instantiated. */
const maxPoolGradFunction = (backend: BackendWasm) =>
  backendModuleExports(backend, MAX_POOL_GRAD_WASM)?.maxPoolGrad as MaxPoolGradFunction | undefined;

/** Whether MaxPoolGrad runs as WebAssembly here (else as a JavaScript loop). */
export const canRunMaxPoolGradInWasm = (backend: BackendWasm): boolean => maxPoolGradFunction(backend) !== undefined;

export interface MaxPoolGradArgs {
  inputs: { dy: TensorInfo; input: TensorInfo };
  attrs: MaxPoolGradAttrs;
  backend: BackendWasm;
}

const poolInfo = ({ inputs, attrs }: MaxPoolGradArgs) =>
  backend_util.computePool2DInfo(
    inputs.input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );

/** The pooling's shape in the order max-pool-grad.wat takes it, after the three tensors. */
const geometry = (info: backend_util.Conv2DInfo) =>
  [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.strideHeight,
    info.strideWidth,
    info.filterHeight,
    info.filterWidth,
    info.padInfo.top,
    info.padInfo.left,
  ] as const;

/**
 * Each output position's gradient goes to the first maximum of its window in x (scanned row by
 * row, as the `cpu` backend does; none when the window holds no number above −∞). One pass over
 * the windows, all channels of a position at once: max-pool-grad.wat (four channels at a time with
 * 128-bit SIMD) where the module can be instantiated over the backend's memory, else
 * `maxPoolGradInJavaScript`; the backend's own kernel took about 15× the pooling itself.
 */
function maxPoolGrad(args: MaxPoolGradArgs): TensorInfo {
  const run = maxPoolGradFunction(args.backend);
  if (run === undefined) return maxPoolGradInJavaScript(args);
  const {
    backend,
    inputs: { dy, input: x },
  } = args;
  const info = poolInfo(args);
  const dx = backend.makeOutput([...x.shape], 'float32');
  const at = (tensor: TensorInfo) => heapStart(backend, tensor) * 4;
  heapFloats(backend).fill(0, at(dx) / 4, at(dx) / 4 + info.batchSize * info.inHeight * info.inWidth * info.inChannels);
  run(at(x), at(dy), at(dx), ...geometry(info));
  return dx;
}

/** The same gradient as a JavaScript loop over the wasm memory. */
export function maxPoolGradInJavaScript(args: MaxPoolGradArgs): TensorInfo {
  const { inputs, backend } = args;
  const { dy, input: x } = inputs;
  const info = poolInfo(args);
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels: c,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    filterHeight,
    filterWidth,
  } = info;
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
        for (let ch = 0; ch < c; ch += 1) if (at[ch]! >= 0) heap[dxs + at[ch]!]! += heap[out + ch]!;
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
