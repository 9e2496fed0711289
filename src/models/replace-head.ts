import * as tf from '@tensorflow/tfjs';
import { checkModelOption, ModelOptionError } from './errors.js';
import { positiveInteger } from '../util/index.js';
import { torchDefaultInit } from './torch-init.js';

export interface ReplaceHeadOptions {
  /** Seeds the new layer's initialisation. */
  readonly seed?: number;
}

/**
 * Swaps the model's last linear layer (AlexNet's `classifier.6`) for a freshly initialised one with
 * `numClasses` outputs and PyTorch's default initialisation, under the same name, like the seed's
 * `model.classifier[6] = nn.Linear(4096, num_classes)`. The returned model takes over every other
 * layer of `model`, whose old head's weights are disposed: use and dispose only the returned model.
 */
export function replaceHead(
  model: tf.LayersModel,
  numClasses: number,
  { seed }: ReplaceHeadOptions = {},
): tf.LayersModel {
  checkModelOption('numClasses', numClasses, positiveInteger);
  const head = model.layers[model.layers.length - 1];
  if (head === undefined || head.getClassName() !== 'Dense' || model.layers.length < 2) {
    throw new ModelOptionError(
      'model',
      'a model whose last layer is a dense (linear) layer',
      head?.getClassName() ?? 'no layers',
    );
  }
  const body = model.layers[model.layers.length - 2]!.output as tf.SymbolicTensor;
  const inUnits = body.shape[body.shape.length - 1];
  if (inUnits == null) throw new ModelOptionError('model', 'a head whose input width is known', body.shape);
  const newHead = tf.layers.dense({ name: head.name, units: numClasses, ...torchDefaultInit(inUnits, seed) });
  const replaced = tf.model({
    name: model.name,
    inputs: model.inputs,
    outputs: newHead.apply(body) as tf.SymbolicTensor,
  });
  head.dispose();
  return replaced;
}
