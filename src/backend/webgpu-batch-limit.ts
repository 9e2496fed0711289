import * as tf from '@tensorflow/tfjs';
import type { AdapterLimits } from './loaders/webgpu-adapter.js';
import { WEBGPU_TF_NAME, webgpuLimits } from './loaders/webgpu.js';

/** A batch needs a tensor larger than the WebGPU device can bind: fails before any step runs. */
export class BatchTooLargeError extends Error {
  override readonly name = 'BatchTooLargeError';
  constructor(
    /** The device limit that binds: `maxStorageBufferBindingSize` or `maxBufferSize`. */
    readonly limit: keyof AdapterLimits,
    readonly limitBytes: number,
    readonly batchSize: number,
    /** The largest batch whose tensors all fit; 0 when a weight alone is too large. */
    readonly largestBatch: number,
    /** The layer (or weight) whose tensor is the largest. */
    readonly tensor: string,
    readonly tensorBytes: number,
  ) {
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    super(
      largestBatch === 0
        ? `webgpu: weight ${tensor} takes ${mib(tensorBytes)}, more than the device's ${limit} of ${mib(limitBytes)}: no batch fits on this adapter`
        : `webgpu: a batch of ${batchSize} needs ${mib(tensorBytes)} for ${tensor}, more than the device's ${limit} of ${mib(limitBytes)}; the largest batch that fits is ${largestBatch}`,
    );
  }
}

interface Footprint {
  /** The largest weight tensor, in bytes (the same for its gradient and momentum). */
  readonly weight: { readonly name: string; readonly bytes: number };
  /** The largest activation per image (input included), in bytes. */
  readonly perImage: { readonly name: string; readonly bytes: number };
}

const FLOAT_BYTES = 4;
const elements = (shape: readonly (number | null)[]) => shape.slice(1).reduce<number>((a, b) => a * (b ?? 0), 1);

/** Each layer's output shape for one input shape: by `computeOutputShape` through a sequential model, else the declared ones. */
function activationShapes(model: tf.LayersModel, input: readonly number[]): Array<[string, tf.Shape]> {
  if (!(model instanceof tf.Sequential))
    return model.layers.map((layer) => [layer.name, layer.outputShape as tf.Shape]);
  const shapes: Array<[string, tf.Shape]> = [];
  let shape: tf.Shape = [...input];
  for (const layer of model.layers) {
    shape = layer.computeOutputShape(shape) as tf.Shape;
    shapes.push([layer.name, shape]);
  }
  return shapes;
}

/** The largest weight, and the largest activation per image, of `model` on images of `imageShape` (`[h, w, c]`). */
export function footprint(model: tf.LayersModel, imageShape: readonly number[]): Footprint {
  let weight = { name: '(none)', bytes: 0 };
  for (const w of model.weights) {
    const bytes = w.shape.reduce<number>((a, b) => a * (b ?? 0), 1) * FLOAT_BYTES;
    if (bytes > weight.bytes) weight = { name: w.originalName, bytes };
  }
  let perImage = { name: 'input', bytes: elements([1, ...imageShape]) * FLOAT_BYTES };
  for (const [name, shape] of activationShapes(model, [1, ...imageShape])) {
    const bytes = elements(shape) * FLOAT_BYTES;
    if (bytes > perImage.bytes) perImage = { name, bytes };
  }
  return { weight, perImage };
}

/**
 * Throws `BatchTooLargeError` when a batch of `batchSize` images of `imageShape` would need a
 * tensor larger than the device can bind (activations grow with the batch; weights do not).
 */
export function assertBatchFits(
  model: tf.LayersModel,
  batchSize: number,
  imageShape: readonly number[],
  limits: AdapterLimits,
): void {
  const [limit, limitBytes] =
    limits.maxStorageBufferBindingSize <= limits.maxBufferSize
      ? (['maxStorageBufferBindingSize', limits.maxStorageBufferBindingSize] as const)
      : (['maxBufferSize', limits.maxBufferSize] as const);
  const { weight, perImage } = footprint(model, imageShape);
  if (weight.bytes > limitBytes)
    throw new BatchTooLargeError(limit, limitBytes, batchSize, 0, weight.name, weight.bytes);
  const largestBatch = Math.floor(limitBytes / perImage.bytes);
  if (batchSize > largestBatch) {
    throw new BatchTooLargeError(limit, limitBytes, batchSize, largestBatch, perImage.name, perImage.bytes * batchSize);
  }
}

/**
 * On the webgpu backend, throws `BatchTooLargeError` when `batchShape` (`[n, h, w, c]`) needs a
 * tensor larger than the device binds; on any other backend it does nothing.
 */
export function assertBatchFitsDevice(model: tf.LayersModel, batchShape: readonly number[]): void {
  const limits = webgpuLimits();
  if (tf.getBackend() !== WEBGPU_TF_NAME || limits === undefined) return;
  const [batchSize, ...imageShape] = batchShape;
  assertBatchFits(model, batchSize!, imageShape, limits);
}
