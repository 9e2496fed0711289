import * as tf from '@tensorflow/tfjs';
import { WeightMismatchError, type ShapeMismatch } from './errors.js';
import type { TorchStateDict } from './torch/checkpoint.js';
import { transposeArray } from './transpose-array.js';

export interface LoadWeightsOptions {
  /** Refuse missing and unexpected keys (shape mismatches are always refused). Default true. */
  readonly strict?: boolean;
  /** Keys or module prefixes to leave out on both sides, e.g. `['classifier.6']` for a new head. */
  readonly skip?: readonly string[];
}

export interface LoadWeightsResult {
  readonly loaded: readonly string[];
  readonly missing: readonly string[];
  readonly unexpected: readonly string[];
}

/** TensorFlow.js weight name suffix → PyTorch parameter name. */
const TORCH_PARAMETER_NAMES: Readonly<Record<string, string>> = {
  kernel: 'weight', bias: 'bias', gamma: 'weight', beta: 'bias', moving_mean: 'running_mean', moving_variance: 'running_var',
};

interface ModelParameter {
  readonly key: string;
  readonly variable: tf.LayerVariable;
  /** The shape PyTorch stores this parameter in. */
  readonly torchShape: readonly number[];
  /** Turns the PyTorch-layout values into the model's layout. */
  readonly fromTorch: (data: Float32Array) => Float32Array;
}

/**
 * Copies a PyTorch state dict into a model whose layer names are PyTorch module names: convolution
 * kernels OIHW → HWIO, linear weights `[out, in]` → `[in, out]`, and a linear layer fed by a flatten
 * of `[h, w, c]` gets its inputs reordered from PyTorch's channel-major `(c, h, w)` flatten.
 * Throws a `WeightMismatchError` listing every missing, unexpected and mismatched key.
 */
export function loadWeights(model: tf.LayersModel, stateDict: TorchStateDict, { strict = true, skip = [] }: LoadWeightsOptions = {}): LoadWeightsResult {
  const skipped = (key: string) => skip.some((prefix) => key === prefix || key.startsWith(`${prefix}.`));
  const parameters = modelParameters(model).filter((p) => !skipped(p.key));
  const known = new Set(parameters.map((p) => p.key));
  const missing = parameters.filter((p) => !stateDict.has(p.key)).map((p) => p.key);
  const unexpected = [...stateDict.keys()].filter((key) => !known.has(key) && !skipped(key));
  const mismatched: ShapeMismatch[] = parameters
    .filter((p) => stateDict.has(p.key) && !sameShape(stateDict.get(p.key)!.shape, p.torchShape))
    .map((p) => ({ key: p.key, checkpoint: stateDict.get(p.key)!.shape, model: p.torchShape }));
  if (mismatched.length > 0 || (strict && (missing.length > 0 || unexpected.length > 0))) {
    throw new WeightMismatchError(missing, unexpected, mismatched);
  }
  const loaded = parameters.filter((p) => stateDict.has(p.key));
  for (const parameter of loaded) {
    tf.tidy(() => {
      parameter.variable.write(tf.tensor(parameter.fromTorch(stateDict.get(parameter.key)!.data), parameter.variable.shape as number[], 'float32'));
    });
  }
  return { loaded: loaded.map((p) => p.key), missing, unexpected };
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

function modelParameters(model: tf.LayersModel): ModelParameter[] {
  return model.layers.flatMap((layer) => layer.weights.map((variable) => {
    const suffix = variable.originalName.slice(variable.originalName.lastIndexOf('/') + 1);
    const key = `${layer.name}.${TORCH_PARAMETER_NAMES[suffix] ?? suffix}`;
    const shape = variable.shape as number[];
    if (shape.length === 4) {
      const [kh, kw, inChannels, outChannels] = shape;
      const torchShape = [outChannels, inChannels, kh, kw];
      return { key, variable, torchShape, fromTorch: (data: Float32Array) => transposeArray(data, torchShape, [2, 3, 1, 0]) };
    }
    if (shape.length === 2) {
      const [inUnits, outUnits] = shape;
      const flattened = flattenedInput(layer);
      const fromTorch = flattened === undefined
        ? (data: Float32Array) => transposeArray(data, [outUnits, inUnits], [1, 0])
        : (data: Float32Array) => transposeArray(data, [outUnits, flattened[2], flattened[0], flattened[1]], [2, 3, 1, 0]);
      return { key, variable, torchShape: [outUnits, inUnits], fromTorch };
    }
    return { key, variable, torchShape: shape, fromTorch: (data: Float32Array) => data.slice() };
  }));
}

/** `[h, w, c]` when the layer's input is a flatten of an image-shaped tensor (through weightless layers). */
function flattenedInput(layer: tf.layers.Layer): [number, number, number] | undefined {
  let current = layer;
  for (;;) {
    const inbound = current.inboundNodes[0]?.inboundLayers;
    if (inbound === undefined || inbound.length !== 1) return undefined;
    const previous = inbound[0];
    if (previous.getClassName() === 'Flatten') {
      const shape = (previous.input as tf.SymbolicTensor).shape;
      return shape.length === 4 && shape.slice(1).every((d) => d != null) ? (shape.slice(1) as [number, number, number]) : undefined;
    }
    if (previous.weights.length > 0 || previous.getClassName() === 'InputLayer') return undefined;
    current = previous;
  }
}
