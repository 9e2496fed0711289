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
import { cropNegativePads, explicitPadding, zeros } from './crop.js';
import { withKernelScope } from './kernel-scope.js';

/**
 * dW[i,j,c,o] = Σ_{n,y,x} xPadded[n, y·s + i, x·s + j, c] · dy[n,y,x,o] is itself a convolution:
 * of x seen as a batch of `c` images with `n` channels ([C,H,W,N]) by dy seen as a filter
 * ([Ho,Wo,N,O]) dilated by the forward stride. XNNPACK runs it as one GEMM per input channel.
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
    const channelsAsBatch = scope.run('Transpose', { x }, { perm: [3, 1, 2, 0] });
    const dyAsFilter = scope.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const cropped = cropNegativePads(scope, channelsAsBatch, [
      [top, bottom],
      [left, right],
    ]);
    if (cropped === undefined) return zeros(scope, [...filterShape]);
    const gradient = scope.run(
      'Conv2D',
      { x: cropped.x, filter: dyAsFilter },
      {
        strides: [1, 1],
        pad: explicitPadding(cropped.pads),
        dataFormat: 'NHWC',
        dilations: [strideHeight, strideWidth],
        dimRoundingMode: undefined,
      } as never,
    );
    return scope.run('Transpose', { x: gradient }, { perm: [1, 2, 0, 3] });
  });
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
