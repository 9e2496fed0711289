import type * as tf from '@tensorflow/tfjs';
import { BatchNorm2d } from './layers/batch-norm-2d.js';

/**
 * Keeps every `BatchNorm2d` of `model` in eval mode (`frozen = true`): training then normalises with
 * the running statistics and leaves them, and `num_batches_tracked`, as they are, the common
 * practice when fine-tuning on small batches (PyTorch: `module.eval()` on each BatchNorm). Their
 * γ and β still learn with their parameter group. Returns how many layers it set.
 */
export function freezeBatchNorm(model: tf.LayersModel, frozen = true): number {
  const layers = model.layers.filter((layer): layer is BatchNorm2d => layer instanceof BatchNorm2d);
  for (const layer of layers) layer.frozen = frozen;
  return layers.length;
}
