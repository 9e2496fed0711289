import * as tf from '@tensorflow/tfjs';
import { betaMixer, type Mixer } from './mixer.js';
import { mixWithRolled, probabilities } from './roll.js';

/** torchvision v2's `MixUp(alpha)`: λ ~ Beta(α, α); images and targets `λ·batch + (1 − λ)·batch.roll(1, 0)`. */
export const mixup = (alpha = 1): Mixer =>
  betaMixer('mixup', alpha, (batch, numClasses, _random, lambda) =>
    tf.tidy(() => ({
      x: mixWithRolled(batch.x, lambda),
      y: mixWithRolled(probabilities(batch.y, numClasses), lambda) as tf.Tensor2D,
      lambda,
    })),
  );
