import { backend_util, Conv2DBackpropFilter } from '@tensorflow/tfjs';
import type {
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropFilterInputs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelInputError } from '../errors.js';
import type { SpatialPads } from './spatial-pads.js';
import { explicitPadding, zeros } from './spatial-pads.js';
import { heapFloats, heapStart } from './heap.js';
import type { WasmKernelScope } from './kernel-scope.js';
import { withKernelScope } from './kernel-scope.js';
import { permuteKeepingLast } from './permute.js';

/**
 * x [N,H,W,C] as C images of N channels, [C,H',W',N], with the rows and columns a negative pad
 * drops left out (one copy in JavaScript); the pads left to the convolution; undefined when no
 * row or column is left.
 */
function channelsAsBatch(scope: WasmKernelScope, x: TensorInfo, [[top, bottom], [left, right]]: SpatialPads) {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const r0 = Math.max(0, -top);
  const rows = h - r0 - Math.max(0, -bottom);
  const c0 = Math.max(0, -left);
  const cols = w - c0 - Math.max(0, -right);
  if (rows <= 0 || cols <= 0) return undefined;
  const out = scope.output([c, rows, cols, n]);
  const heap = heapFloats(scope.backend);
  const from = heapStart(scope.backend, x);
  const to = heapStart(scope.backend, out);
  const plane = rows * cols * n;
  for (let b = 0; b < n; b += 1) {
    for (let r = 0; r < rows; r += 1) {
      for (let col = 0; col < cols; col += 1) {
        const source = from + ((b * h + r0 + r) * w + c0 + col) * c;
        const target = to + (r * cols + col) * n + b;
        for (let ch = 0; ch < c; ch += 1) heap[target + ch * plane] = heap[source + ch]!;
      }
    }
  }
  const pads: SpatialPads = [
    [Math.max(0, top), Math.max(0, bottom)],
    [Math.max(0, left), Math.max(0, right)],
  ];
  return { x: out, pads };
}

/**
 * dW[i,j,c,o] = Σ_{n,y,x} xPadded[n, y·s + i, x·s + j, c] · dy[n,y,x,o] is itself a convolution:
 * of x seen as a batch of `c` images with `n` channels ([C,H,W,N]) by dy seen as a filter
 * ([Ho,Wo,N,O]) dilated by the forward stride. XNNPACK runs it as one GEMM per input channel.
 * The layout changes are copies in JavaScript (the backend's `Transpose` and `Slice` took about
 * half the first layer's filter gradient).
 */
function conv2DBackpropFilter(args: {
  inputs: Conv2DBackpropFilterInputs;
  attrs: Conv2DBackpropFilterAttrs;
  backend: BackendWasm;
}): TensorInfo {
  const { inputs, attrs, backend } = args;
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat !== 'NHWC') {
    throw new UnsupportedKernelInputError(Conv2DBackpropFilter, `dataFormat '${dataFormat}' (only NHWC)`);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { strideHeight, strideWidth, filterHeight, filterWidth, inHeight, inWidth, outHeight, outWidth } = info;
  const { top, left } = info.padInfo;
  // Rows/columns of padded x that the forward pass read, past the end of x (negative: never read).
  const bottom = (outHeight - 1) * strideHeight + filterHeight - inHeight - top;
  const right = (outWidth - 1) * strideWidth + filterWidth - inWidth - left;

  return withKernelScope(backend, (scope) => {
    const cropped = channelsAsBatch(scope, x, [
      [top, bottom],
      [left, right],
    ]);
    if (cropped === undefined) return zeros(scope, [...filterShape]);
    const dyAsFilter = permuteKeepingLast(scope, dy, [1, 2, 0, 3]);
    const gradient = scope.run('Conv2D', { x: cropped.x, filter: dyAsFilter }, {
      strides: [1, 1],
      pad: explicitPadding(cropped.pads),
      dataFormat: 'NHWC',
      dilations: [strideHeight, strideWidth],
      dimRoundingMode: undefined,
    } as never);
    return permuteKeepingLast(scope, gradient, [1, 2, 0, 3]);
  });
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
