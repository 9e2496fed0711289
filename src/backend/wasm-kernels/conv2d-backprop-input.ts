import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs';
import type {
  Conv2DBackpropInputAttrs,
  Conv2DBackpropInputInputs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelInputError } from '../errors.js';
import { cropNegativePads, explicitPadding, zeros } from './spatial-pads.js';
import { heapFloats, heapStart } from './heap.js';
import { imageChunks } from './image-chunks.js';
import type { WasmKernelScope } from './kernel-scope.js';
import { withKernelScope } from './kernel-scope.js';
import { col2im, patchGeometry, patchSize } from './patches.js';

interface Args {
  inputs: Conv2DBackpropInputInputs;
  attrs: Conv2DBackpropInputAttrs;
  backend: BackendWasm;
}

/** The filter [kh, kw, C, O] rotated by 180° with its channels swapped: [kh, kw, O, C], copied in JavaScript. */
function rotatedSwapped(scope: WasmKernelScope, filter: TensorInfo): TensorInfo {
  const [kh, kw, c, o] = filter.shape as [number, number, number, number];
  const out = scope.output([kh, kw, o, c]);
  const heap = heapFloats(scope.backend);
  const from = heapStart(scope.backend, filter);
  const to = heapStart(scope.backend, out);
  for (let i = 0; i < kh; i += 1) {
    for (let j = 0; j < kw; j += 1) {
      const source = from + ((kh - 1 - i) * kw + (kw - 1 - j)) * c * o;
      const target = to + (i * kw + j) * o * c;
      for (let ci = 0; ci < c; ci += 1) {
        for (let oi = 0; oi < o; oi += 1) heap[target + oi * c + ci] = heap[source + ci * o + oi]!;
      }
    }
  }
  return out;
}

/**
 * Stride 1: dx is the "full" correlation of dy with the rotated, channel-swapped filter, one
 * XNNPACK convolution, dy padded by kh−1−top above and the rest below (negative: cropped).
 */
function byConvolution({ inputs, backend }: Args, info: backend_util.Conv2DInfo): TensorInfo {
  const dy = inputs.dy as TensorInfo;
  const { filterHeight, filterWidth, inHeight, inWidth, outHeight, outWidth } = info;
  const { top, left } = info.padInfo;
  return withKernelScope(backend, (scope) => {
    const cropped = cropNegativePads(scope, dy, [
      [filterHeight - 1 - top, inHeight - outHeight + top],
      [filterWidth - 1 - left, inWidth - outWidth + left],
    ]);
    if (cropped === undefined) return zeros(scope, [info.batchSize, inHeight, inWidth, info.inChannels]);
    return scope.run('Conv2D', { x: cropped.x, filter: rotatedSwapped(scope, inputs.filter as TensorInfo) }, {
      strides: [1, 1],
      pad: explicitPadding(cropped.pads),
      dataFormat: 'NHWC',
      dilations: [1, 1],
      dimRoundingMode: undefined,
    } as never);
  });
}

/**
 * Any stride: dx is the adjoint of the patch matrix (`col2im`) applied to dy·Wᵀ, dy as
 * [N·Ho·Wo, O] and the filter as W [kh·kw·C, O]: one XNNPACK product per chunk of images (Wᵀ, the
 * small operand, is the one packed), then each patch row added back where the forward pass read
 * it. No multiply-add is spent on the zeros a strided layer's full correlation would insert.
 */
function byPatches({ inputs, attrs, backend }: Args, info: backend_util.Conv2DInfo): TensorInfo {
  const dy = inputs.dy as TensorInfo;
  const g = patchGeometry(info);
  const k = patchSize(g);
  const { outChannels, outHeight, outWidth } = info;
  const positions = outHeight * outWidth;
  return withKernelScope(backend, (scope) => {
    const dx = scope.output([...attrs.inputShape]);
    const start = heapStart(backend, dx);
    heapFloats(backend).fill(0, start, start + attrs.inputShape.reduce((a, b) => a * b, 1));
    const filter = scope.run('Reshape', { x: inputs.filter }, { shape: [k, outChannels] });
    const weightsT = scope.run('Transpose', { x: filter }, { perm: [1, 0] });
    const chunks = imageChunks(info.batchSize, positions * k);
    for (const [first, last] of chunks) {
      const rows = (last - first) * positions;
      const matrix =
        chunks.length === 1
          ? scope.run('Reshape', { x: dy }, { shape: [rows, outChannels] })
          : scope.output([rows, outChannels]);
      if (chunks.length > 1) {
        const from = heapStart(backend, dy) + first * positions * outChannels;
        heapFloats(backend).copyWithin(heapStart(backend, matrix), from, from + rows * outChannels);
      }
      const columns = scope.run('BatchMatMul', { a: matrix, b: weightsT }, { transposeA: false, transposeB: false });
      col2im(heapFloats(backend), heapStart(backend, columns), g, first, last, start);
      scope.release(columns);
    }
    return dx;
  });
}

function conv2DBackpropInput(args: Args): TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs;
  if (dataFormat !== 'NHWC') {
    throw new UnsupportedKernelInputError(Conv2DBackpropInput, `dataFormat '${dataFormat}' (only NHWC)`);
  }
  const info = backend_util.computeConv2DInfo(
    inputShape,
    (args.inputs.filter as TensorInfo).shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  return info.strideHeight === 1 && info.strideWidth === 1 ? byConvolution(args, info) : byPatches(args, info);
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
