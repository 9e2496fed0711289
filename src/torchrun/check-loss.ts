import * as tf from '@tensorflow/tfjs';
import { loadImage } from '../data/index.js';
import { IMAGENET_MEAN, IMAGENET_STD, normalize, resize, toTensor } from '../data/functional/index.js';
import type { Entry } from '../data/index.js';
import { crossEntropy } from '../train/index.js';

/** Samples both sides of a hand-off report their loss on: the first of the validation split, in listing order. */
export const CHECK_SAMPLES = 8;

/**
 * The mean cross-entropy of `model` (in inference: no dropout) on `entries` through the hand-off's
 * deterministic transform, `run.json`'s `check`: Resize((s, s)) (Pillow-exact), ToTensor, Normalize.
 * train.py computes the same on its side, so the two agree when the weights do.
 */
export async function checkLoss(model: tf.LayersModel, entries: readonly Entry[], imageSize: number): Promise<number> {
  const images = await Promise.all(
    entries.map(async (entry) =>
      normalize(toTensor(resize(await loadImage(entry.path), [imageSize, imageSize])), IMAGENET_MEAN, IMAGENET_STD),
    ),
  );
  const data = new Float32Array(images.length * imageSize * imageSize * 3);
  images.forEach((image, i) => data.set(image.data, i * imageSize * imageSize * 3));
  const loss = tf.tidy(() =>
    crossEntropy(
      model.predict(tf.tensor4d(data, [images.length, imageSize, imageSize, 3])) as tf.Tensor,
      tf.tensor1d(
        entries.map((e) => e.label),
        'int32',
      ),
    ),
  );
  const value = (await loss.data())[0]!;
  loss.dispose();
  return value;
}
