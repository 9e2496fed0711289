import { backend_util, Conv2DBackpropInput } from '@tensorflow/tfjs';
import type {
  Conv2DBackpropInputAttrs,
  Conv2DBackpropInputInputs,
  KernelConfig,
  KernelFunc,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelInputError } from '../errors.js';
import { cropNegativePads, explicitPadding, zeros } from './crop.js';
import type { WasmKernelScope } from './kernel-scope.js';
import { withKernelScope } from './kernel-scope.js';

/**
 * Along one axis, the input positions r, r+s, r+2s, … (one "phase" of the stride) receive gradient
 * from the filter taps a, a+s, a+2s, … only. Their gradient is a stride-1 correlation of dy with
 * those taps, rotated: `first` is where they start in the 180°-rotated filter; `before`/`after` pad
 * (negative: crop) dy so that the correlation yields exactly `count` positions.
 */
function phase(r: number, stride: number, padBefore: number, filter: number, input: number, output: number) {
  const a = (r + padBefore) % stride;
  const taps = a < filter ? Math.ceil((filter - a) / stride) : 0;
  const shift = Math.floor((r + padBefore) / stride);
  const count = Math.max(0, Math.ceil((input - r) / stride));
  return {
    taps,
    count,
    first: filter - 1 - a - stride * (taps - 1),
    before: taps - 1 - shift,
    after: count - 1 + shift - (output - 1),
  };
}

/**
 * dx as stride-1 XNNPACK convolutions of dy with the filter rotated by 180° and its in/out channels
 * swapped: one per stride phase (s_h·s_w of them, each with ~k/s taps per axis), interleaved back.
 * No multiply-add is spent on the zeros a strided layer's "full" correlation would insert.
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
  const { strideHeight: sh, strideWidth: sw, filterHeight, filterWidth, inHeight, inWidth, outHeight, outWidth } = info;
  const [batch, , , inChannels] = inputShape;
  const rowsPerPhase = Math.ceil(inHeight / sh);
  const colsPerPhase = Math.ceil(inWidth / sw);

  return withKernelScope(backend, (scope) => {
    const rotated = scope.run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = scope.run('Transpose', { x: rotated }, { perm: [0, 1, 3, 2] });

    const phaseGradient = (ry: number, rx: number): TensorInfo => {
      const y = phase(ry, sh, info.padInfo.top, filterHeight, inHeight, outHeight);
      const x = phase(rx, sw, info.padInfo.left, filterWidth, inWidth, outWidth);
      const full = [batch, rowsPerPhase, colsPerPhase, inChannels];
      if (y.taps === 0 || x.taps === 0 || y.count === 0 || x.count === 0) return zeros(scope, full);
      const cropped = cropNegativePads(scope, dy, [
        [y.before, y.after],
        [x.before, x.after],
      ]);
      if (cropped === undefined) return zeros(scope, full);
      const taps =
        sh === 1 && sw === 1
          ? swapped
          : scope.run('StridedSlice', { x: swapped }, {
              begin: [y.first, x.first, 0, 0],
              end: [y.first + sh * (y.taps - 1) + 1, x.first + sw * (x.taps - 1) + 1, filter.shape[3]!, inChannels],
              strides: [sh, sw, 1, 1],
              beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
            });
      const gradient = scope.run(
        'Conv2D',
        { x: cropped.x, filter: taps },
        { strides: [1, 1], pad: explicitPadding(cropped.pads), dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined } as never,
      );
      const missing = [[0, 0], [0, rowsPerPhase - y.count], [0, colsPerPhase - x.count], [0, 0]];
      if (y.count === rowsPerPhase && x.count === colsPerPhase) return gradient;
      return scope.run('PadV2', { x: gradient }, { paddings: missing, constantValue: 0 });
    };

    if (sh === 1 && sw === 1) return phaseGradient(0, 0);
    const concat = (parts: TensorInfo[], axis: number) =>
      scope.run('Concat', parts as unknown as NamedTensorInfoMap, { axis });
    const rows: TensorInfo[] = [];
    for (let ry = 0; ry < sh; ry += 1) {
      const cols: TensorInfo[] = [];
      for (let rx = 0; rx < sw; rx += 1) {
        const part = phaseGradient(ry, rx);
        cols.push(scope.run('Reshape', { x: part }, { shape: [batch, rowsPerPhase, 1, colsPerPhase, 1, inChannels] }));
      }
      rows.push(concat(cols, 4));
    }
    const interleaved = scope.run('Reshape', { x: concat(rows, 2) }, {
      shape: [batch, rowsPerPhase * sh, colsPerPhase * sw, inChannels],
    });
    if (rowsPerPhase * sh === inHeight && colsPerPhase * sw === inWidth) return interleaved;
    return scope.run('Slice', { x: interleaved }, { begin: [0, 0, 0, 0], size: [batch, inHeight, inWidth, inChannels] });
  });
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
