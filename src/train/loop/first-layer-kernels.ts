import type * as tf from '@tensorflow/tfjs';
import type { KernelBank } from './events.js';

/** The first convolution's kernels (HWIO, as the paper's figure 3 shows them), or undefined for a model without one. */
export async function firstLayerKernels(model: tf.LayersModel): Promise<KernelBank | undefined> {
  const kernel = model.weights.find((weight) => weight.shape.length === 4);
  if (kernel === undefined) return undefined;
  const [h, w, i, o] = kernel.shape as [number, number, number, number];
  return { shape: [h, w, i, o], values: Array.from(await kernel.read().data()) };
}
