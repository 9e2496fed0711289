import type * as tf from '@tensorflow/tfjs';

type Shape = (number | null)[];

/**
 * The first layer whose output would be empty (a dimension ≤ 0) for a batch of `size × size`
 * images, worked out from the layers' output shapes without running anything; `undefined` when
 * every layer has an output.
 */
export function emptyLayerAt(model: tf.LayersModel, size: number): string | undefined {
  const channels = model.inputs[0].shape.at(-1) ?? 3;
  let shape: Shape = [1, size, size, channels];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    try {
      shape = layer.computeOutputShape(shape) as Shape;
    } catch {
      return layer.name;
    }
    if (shape.some((extent) => extent !== null && !(extent > 0))) return layer.name;
  }
  return undefined;
}

/** The smallest square input (up to `limit`) for which every layer of `model` has an output. */
export function smallestInputSize(model: tf.LayersModel, limit = 4096): number | undefined {
  for (let size = 1; size <= limit; size++) if (emptyLayerAt(model, size) === undefined) return size;
  return undefined;
}
