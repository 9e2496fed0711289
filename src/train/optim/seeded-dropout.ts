import type * as tf from '@tensorflow/tfjs';
import { hashKeys } from '../../data/index.js';

/**
 * TensorFlow.js's dropout draws its mask from `Math.random()` unless the layer has a `seed`, and
 * then draws the same mask on every call. Setting each dropout layer's seed from (run seed, step,
 * layer) before a step makes every mask different and reproducible, so a resumed run replays them.
 */
export function seedDropout(model: tf.LayersModel, seed: number, step: number): void {
  model.layers.forEach((layer, index) => {
    if (layer.getClassName() === 'Dropout') {
      (layer as unknown as { seed?: number }).seed = hashKeys(seed, step, index);
    }
  });
}
