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
import { cropNegativePads, explicitPadding, zeros } from './crop.js';
import type { WasmKernelScope } from './kernel-scope.js';
import { withKernelScope } from './kernel-scope.js';

/** Spreads dy apart by the stride, zeros in between: [N,Ho,Wo,C] → [N,Ho·sh,Wo·sw,C]. */
function insertStrideZeros(scope: WasmKernelScope, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  if (sh === 1 && sw === 1) return dy;
  const [n, h, w, c] = dy.shape as [number, number, number, number];
  const spread = scope.run('Reshape', { x: dy }, { shape: [n, h, 1, w, 1, c] });
  const zeros = [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]];
  const padded = scope.run('PadV2', { x: spread }, { paddings: zeros, constantValue: 0 });
  return scope.run('Reshape', { x: padded }, { shape: [n, h * sh, w * sw, c] });
}

/**
 * dx is the "full" correlation of dy (stride zeros inserted) with the filter rotated by 180° and its
 * in/out channels swapped: a stride-1 XNNPACK convolution instead of the backend's scalar loop.
 * Strided layers pay for the inserted zeros (s² more multiply-adds than needed).
 */
function conv2DBackpropInput(args: {
  inputs: Conv2DBackpropInputInputs;
  attrs: Conv2DBackpropInputAttrs;
  backend: BackendWasm;
}): TensorInfo {
  const { inputs, attrs, backend } = args;
  const dy = inputs.dy as TensorInfo;
  const filter = inputs.filter as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (dataFormat !== 'NHWC') {
    throw new UnsupportedKernelInputError(Conv2DBackpropInput, `dataFormat '${dataFormat}' (only NHWC)`);
  }
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { strideHeight, strideWidth, filterHeight, filterWidth, inHeight, inWidth, outHeight, outWidth } = info;
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;
  const bottom = inHeight + filterHeight - 1 - top - outHeight * strideHeight;
  const right = inWidth + filterWidth - 1 - left - outWidth * strideWidth;

  return withKernelScope(backend, (scope) => {
    const spread = insertStrideZeros(scope, dy, strideHeight, strideWidth);
    const cropped = cropNegativePads(scope, spread, [
      [top, bottom],
      [left, right],
    ]);
    if (cropped === undefined) return zeros(scope, [...inputShape]);
    const rotated = scope.run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = scope.run('Transpose', { x: rotated }, { perm: [0, 1, 3, 2] });
    return scope.run(
      'Conv2D',
      { x: cropped.x, filter: swapped },
      {
        strides: [1, 1],
        pad: explicitPadding(cropped.pads),
        dataFormat: 'NHWC',
        dilations: [1, 1],
        dimRoundingMode: undefined,
      } as never,
    );
  });
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
