import * as tf from '@tensorflow/tfjs';
import { loadImage } from '../../data/index.js';
import { centerCrop, IMAGENET_MEAN, IMAGENET_STD, normalize, resize, toTensor } from '../../data/functional/index.js';
import type { AlexNetLayout, ConvWeights } from './conv-weights.js';
import type { FeatureMaps } from '../loop/index.js';

/** How each layout's first convolution meets its input: torchvision pads 224 px by 2, the paper takes 227 px unpadded; both stride 4. */
const FIRST_CONV: Readonly<Record<AlexNetLayout, { crop: number; padding: number; stride: number }>> = {
  torchvision: { crop: 224, padding: 2, stride: 4 },
  paper: { crop: 227, padding: 0, stride: 4 },
};

/**
 * The first convolution's responses (before the ReLU) to the image at `path`, preprocessed as
 * torchvision evaluates: Resize(256), CenterCrop(224, or 227 for the paper's layout), ToTensor,
 * Normalize with ImageNet's statistics. Leaves no tensor behind.
 */
export async function imageFeatureMaps(path: string, conv: ConvWeights, layout: AlexNetLayout): Promise<FeatureMaps> {
  const { crop, padding, stride } = FIRST_CONV[layout];
  const image = normalize(toTensor(centerCrop(resize(await loadImage(path), 256), crop)), IMAGENET_MEAN, IMAGENET_STD);
  const maps = tf.tidy(() => {
    const x = tf.tensor3d(image.data, [image.height, image.width, 3]).pad([
      [padding, padding],
      [padding, padding],
      [0, 0],
    ]);
    const kernel = tf.tensor4d(conv.kernel.values as number[], conv.kernel.shape as [number, number, number, number]);
    return tf.conv2d(x as tf.Tensor3D, kernel, stride, 'valid').add(tf.tensor1d(conv.bias));
  });
  try {
    const [h, w, c] = maps.shape as [number, number, number];
    return { path, shape: [h, w, c], values: Array.from(await maps.data()) };
  } finally {
    maps.dispose();
  }
}
