import type * as tf from '@tensorflow/tfjs';

type Shape = (number | null)[];

/**
 * The first layer whose output would be empty (a dimension ≤ 0) for a batch of `size × size`
 * images, worked out from the layers' output shapes without running anything; `undefined` when
 * every layer has an output.
 */
export function emptyLayerAt(model: tf.LayersModel, size: number): string | undefined {
  const channels = model.inputs[0]!.shape.at(-1) ?? 3;
  const input: Shape = [1, size, size, channels];
  // Each layer's output shape from its inbound layers' (graph models: ResNet's additions take two).
  const shapes = new Map<tf.layers.Layer, Shape>();
  let previous: Shape = input;
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') {
      shapes.set(layer, input);
      continue;
    }
    const inbound = layer.inboundNodes[0]?.inboundLayers ?? [];
    const inputs = inbound.map((l) => shapes.get(l)).filter((shape): shape is Shape => shape !== undefined);
    const inputShape = inputs.length === 0 ? previous : inputs.length === 1 ? inputs[0] : inputs;
    let shape: Shape;
    try {
      shape = layer.computeOutputShape(inputShape as tf.Shape) as Shape;
    } catch {
      return layer.name;
    }
    if (shape.some((extent) => extent !== null && !(extent > 0))) return layer.name;
    shapes.set(layer, shape);
    previous = shape;
  }
  return undefined;
}

/** The smallest square input (up to `limit`) for which every layer of `model` has an output. */
export function smallestInputSize(model: tf.LayersModel, limit = 4096): number | undefined {
  for (let size = 1; size <= limit; size++) if (emptyLayerAt(model, size) === undefined) return size;
  return undefined;
}
