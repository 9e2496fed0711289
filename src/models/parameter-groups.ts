import type * as tf from '@tensorflow/tfjs';

/** Trainable weights that share a learning-rate scale: a model's backbone or its head. */
export interface ParameterGroup {
  /** The module name the group's layers share (`features`, `classifier`, `fc`), or `backbone` where they share none. */
  readonly name: string;
  /** `head`: the module holding the last linear layer; `backbone`: everything before it. */
  readonly role: 'backbone' | 'head';
  readonly variables: readonly tf.LayerVariable[];
}

const moduleOf = (layer: tf.layers.Layer): string => layer.name.split('.')[0]!;

/**
 * Splits a model's trainable weights into its backbone and its head, in layer order. The head is
 * the top-level module of the last weighted layer (torchvision's `classifier` for AlexNet and the
 * MobileNets, `fc` for the ResNets); the backbone is every other trainable layer, named after its
 * module when it has one (AlexNet's `features`) and `backbone` otherwise (a ResNet's `conv1`, `bn1`,
 * `layer1` … `layer4`). A model whose layers are all in the head gives one group.
 */
export function parameterGroups(model: tf.LayersModel): ParameterGroup[] {
  const layers = [...model.layers]
    .sort((a, b) => a.id - b.id)
    .filter((layer) => layer.trainable && layer.trainableWeights.length > 0);
  if (layers.length === 0) return [];
  const head = moduleOf(layers[layers.length - 1]!);
  const backbone = layers.filter((layer) => moduleOf(layer) !== head);
  const modules = new Set(backbone.map(moduleOf));
  const groups: ParameterGroup[] = [];
  if (backbone.length > 0) {
    groups.push({
      name: modules.size === 1 ? [...modules][0]! : 'backbone',
      role: 'backbone',
      variables: backbone.flatMap((layer) => layer.trainableWeights),
    });
  }
  groups.push({
    name: head,
    role: 'head',
    variables: layers.filter((layer) => moduleOf(layer) === head).flatMap((layer) => layer.trainableWeights),
  });
  return groups;
}
