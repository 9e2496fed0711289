import type * as tf from '@tensorflow/tfjs';

/** Trainable weights that share a learning-rate scale, e.g. AlexNet's `features` or `classifier`. */
export interface ParameterGroup {
  readonly name: string;
  readonly variables: readonly tf.LayerVariable[];
}

/**
 * Groups a model's trainable weights by the part of the layer name before the first dot, in layer
 * order: torchvision-named layers (`features.0`, `classifier.6`) give `features` and `classifier`.
 */
export function parameterGroups(model: tf.LayersModel): ParameterGroup[] {
  const groups = new Map<string, tf.LayerVariable[]>();
  for (const layer of model.layers) {
    if (!layer.trainable || layer.trainableWeights.length === 0) continue;
    const name = layer.name.split('.')[0];
    const variables = groups.get(name) ?? [];
    variables.push(...layer.trainableWeights);
    groups.set(name, variables);
  }
  return [...groups].map(([name, variables]) => ({ name, variables }));
}
