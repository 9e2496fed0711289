import * as tf from '@tensorflow/tfjs';
import { sampleBeta } from './beta.js';
import { checkAlpha, type Mixer } from './mixer.js';
import { checkImages, mixWithRolled, probabilities } from './roll.js';

/** torchvision v2's `MixUp(alpha)`: λ ~ Beta(α, α); images and targets `λ·batch + (1 − λ)·batch.roll(1, 0)`. */
export function mixup(alpha = 1): Mixer {
  checkAlpha('mixup', alpha);
  return {
    name: 'mixup',
    mix(batch, numClasses, random) {
      checkImages(batch.x);
      const lambda = sampleBeta(alpha, alpha, random);
      return tf.tidy(() => ({ x: mixWithRolled(batch.x, lambda), y: mixWithRolled(probabilities(batch.y, numClasses), lambda) as tf.Tensor2D, lambda }));
    },
  };
}
