import * as tf from '@tensorflow/tfjs';
import type { ModelFactoryOptions } from './model-factory.js';
import { alexnet } from './alexnet.js';

/**
 * Re-initialises every layer with a kernel and a bias He-normal (Kaiming: N(0, 2 / fanIn)) with zero
 * biases, seeded per layer. PyTorch's default initialisation shrinks the signal layer by layer, so
 * a narrow AlexNet trained from scratch for a few epochs stays at chance; He-normal keeps it alive.
 */
export function heNormalInit(model: tf.LayersModel, seed: number): tf.LayersModel {
  model.layers.forEach((layer, index) => {
    const [kernel, bias] = layer.getWeights();
    if (kernel === undefined || bias === undefined) return;
    const fanIn = kernel.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    tf.tidy(() =>
      layer.setWeights([
        tf.randomNormal(kernel.shape, 0, Math.sqrt(2 / fanIn), 'float32', seed + index),
        tf.zerosLike(bias),
      ]),
    );
  });
  return model;
}

/** torchvision's AlexNet with He-normal weights and zero biases: the model to train from scratch. */
export const kaimingAlexNet = ({ numClasses, widthDivisor, seed }: ModelFactoryOptions): tf.LayersModel =>
  heNormalInit(alexnet({ numClasses, widthDivisor, seed }), seed);
