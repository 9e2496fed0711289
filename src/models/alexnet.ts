import type * as tf from '@tensorflow/tfjs';
import { resolveAlexNetOptions, type AlexNetOptions } from './alexnet-options.js';
import { paperAlexNet } from './alexnet-paper.js';
import { torchvisionAlexNet } from './alexnet-torchvision.js';

/**
 * AlexNet as a `tf.LayersModel` taking NHWC images `[n, h, w, 3]` and returning logits. Layer names
 * follow torchvision's modules (`features.0`, `classifier.6`), so `parameterGroups` yields
 * `features` and `classifier`, and torchvision checkpoints load with `loadWeights`.
 */
export function alexnet(options?: AlexNetOptions): tf.LayersModel {
  const resolved = resolveAlexNetOptions(options);
  return resolved.variant === 'paper' ? paperAlexNet(resolved) : torchvisionAlexNet(resolved);
}
