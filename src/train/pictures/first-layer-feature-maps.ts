import * as tf from '@tensorflow/tfjs';
import type { FeatureMaps } from '../loop/index.js';

const isConvolution = (layer: tf.layers.Layer): boolean => layer.weights.some((weight) => weight.shape.length === 4);

/**
 * The first convolution's output for one image `[h, w, 3]`: the model's layers applied in order up
 * to and including the first one with a 4-D kernel, so a padding layer before it comes along
 * (AlexNet's `features.0`, before its ReLU layer `features.1`). Undefined for a model without a
 * convolution. The image tensor stays the caller's.
 */
export async function firstLayerFeatureMaps(
  model: tf.LayersModel,
  image: tf.Tensor3D,
  path: string,
): Promise<FeatureMaps | undefined> {
  const last = model.layers.findIndex(isConvolution);
  if (last < 0) return undefined;
  const maps = tf.tidy(() =>
    model.layers
      .slice(0, last + 1)
      .filter((layer) => layer.getClassName() !== 'InputLayer')
      .reduce((x, layer) => layer.apply(x, { training: false }) as tf.Tensor, image.expandDims(0) as tf.Tensor)
      .squeeze([0]),
  );
  try {
    const [h, w, c] = maps.shape as [number, number, number];
    return { path, shape: [h, w, c], values: Array.from(await maps.data(), roundForLog) };
  } finally {
    maps.dispose();
  }
}

/** Five significant digits: the picture needs far less, and the event log stays about a third the size. */
const roundForLog = (value: number): number => Number(value.toPrecision(5));
