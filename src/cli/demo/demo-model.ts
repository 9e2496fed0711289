import * as tf from '@tensorflow/tfjs';
import { alexnet } from '../../models/alexnet.js';
import type { ModelFactory } from '../../train/config.js';

/**
 * The demo's AlexNet, trained from scratch: He-normal weights and zero biases instead of PyTorch's
 * default initialisation, which shrinks the signal layer by layer so a narrow AlexNet without
 * pretrained weights barely leaves chance level in a demo's few minutes.
 */
export const demoAlexNet: ModelFactory = ({ numClasses, widthDivisor, seed }) => {
  const model = alexnet({ numClasses, widthDivisor, seed });
  model.layers.forEach((layer, index) => {
    const [kernel, bias] = layer.getWeights();
    if (kernel === undefined || bias === undefined) return;
    const fanIn = kernel.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    tf.tidy(() => layer.setWeights([tf.randomNormal(kernel.shape, 0, Math.sqrt(2 / fanIn), 'float32', seed + index), tf.zerosLike(bias)]));
  });
  return model;
};
