import type * as tf from '@tensorflow/tfjs';
import { transposeArray } from './transpose-array.js';

/** TensorFlow.js weight name suffix → PyTorch parameter name. */
const TORCH_PARAMETER_NAMES: Readonly<Record<string, string>> = {
  kernel: 'weight',
  depthwise_kernel: 'weight',
  bias: 'bias',
  gamma: 'weight',
  beta: 'bias',
  moving_mean: 'running_mean',
  moving_variance: 'running_var',
};

/** A model weight seen from PyTorch: its state-dict key, its shape there, and the layout changes both ways. */
export interface TorchParameter {
  readonly key: string;
  readonly variable: tf.LayerVariable;
  /** The shape PyTorch stores this parameter in. */
  readonly torchShape: readonly number[];
  /** Turns PyTorch-layout values into the model's layout. */
  readonly fromTorch: (data: Float32Array) => Float32Array;
  /** Turns the model's values into PyTorch's layout. */
  readonly toTorch: (data: Float32Array) => Float32Array;
  /** PyTorch's dtype when it is not float32: BatchNorm's `num_batches_tracked` is an int64 count. */
  readonly torchDtype?: 'int64';
}

/**
 * The weights of a model whose layer names are PyTorch module names, as PyTorch names and lays them
 * out, in PyTorch's module order: convolution kernels HWIO ↔ OIHW, depthwise kernels `[kh, kw, c, 1]` ↔ `[c, 1, kh, kw]`, linear weights `[in, out]` ↔ `[out, in]`, and a linear layer
 * fed by a flatten of `[h, w, c]` gets its inputs reordered to PyTorch's channel-major `(c, h, w)`.
 */
export function torchParameters(model: tf.LayersModel): TorchParameter[] {
  // In the order the layers were made, PyTorch's module order: a graph's topological order puts a
  // ResNet block's `downsample` before its `conv2`.
  return [...model.layers]
    .sort((a, b) => a.id - b.id)
    .flatMap((layer) =>
      layer.weights.map((variable) => {
        const suffix = variable.originalName.slice(variable.originalName.lastIndexOf('/') + 1);
        const key = `${layer.name}.${TORCH_PARAMETER_NAMES[suffix] ?? suffix}`;
        const shape = variable.shape as number[];
        if (suffix === 'depthwise_kernel') {
          // [kh, kw, channels, 1] ↔ PyTorch's depthwise Conv2d(groups = channels) weight [channels, 1, kh, kw].
          const [kh, kw, channels, multiplier] = shape as [number, number, number, number];
          const torchShape = [channels * multiplier, 1, kh, kw];
          return {
            key,
            variable,
            torchShape,
            fromTorch: (data: Float32Array) => transposeArray(data, [channels, multiplier, kh, kw], [2, 3, 0, 1]),
            toTorch: (data: Float32Array) => transposeArray(data, shape, [2, 3, 0, 1]),
          };
        }
        if (shape.length === 4) {
          const [kh, kw, inChannels, outChannels] = shape as [number, number, number, number];
          const torchShape = [outChannels, inChannels, kh, kw];
          return {
            key,
            variable,
            torchShape,
            fromTorch: (data: Float32Array) => transposeArray(data, torchShape, [2, 3, 1, 0]),
            toTorch: (data: Float32Array) => transposeArray(data, shape, [3, 2, 0, 1]),
          };
        }
        if (shape.length === 2) {
          const [inUnits, outUnits] = shape as [number, number];
          const flattened = flattenedInput(layer);
          if (flattened === undefined) {
            return {
              key,
              variable,
              torchShape: [outUnits, inUnits],
              fromTorch: (data: Float32Array) => transposeArray(data, [outUnits, inUnits], [1, 0]),
              toTorch: (data: Float32Array) => transposeArray(data, shape, [1, 0]),
            };
          }
          const [h, w, c] = flattened;
          return {
            key,
            variable,
            torchShape: [outUnits, inUnits],
            fromTorch: (data: Float32Array) => transposeArray(data, [outUnits, c, h, w], [2, 3, 1, 0]),
            toTorch: (data: Float32Array) => transposeArray(data, [h, w, c, outUnits], [3, 2, 0, 1]),
          };
        }
        const same = {
          key,
          variable,
          torchShape: shape,
          fromTorch: (data: Float32Array) => data.slice(),
          toTorch: (data: Float32Array) => data.slice(),
        };
        return suffix === 'num_batches_tracked' ? { ...same, torchDtype: 'int64' as const } : same;
      }),
    );
}

/** `[h, w, c]` when the layer's input is a flatten of an image-shaped tensor (through weightless layers). */
function flattenedInput(layer: tf.layers.Layer): [number, number, number] | undefined {
  let current = layer;
  for (;;) {
    const inbound = current.inboundNodes[0]?.inboundLayers;
    if (inbound === undefined || inbound.length !== 1) return undefined;
    const previous = inbound[0]!;
    if (previous.getClassName() === 'Flatten') {
      const shape = (previous.input as tf.SymbolicTensor).shape;
      return shape.length === 4 && shape.slice(1).every((d) => d != null)
        ? (shape.slice(1) as [number, number, number])
        : undefined;
    }
    if (previous.weights.length > 0 || previous.getClassName() === 'InputLayer') return undefined;
    current = previous;
  }
}
