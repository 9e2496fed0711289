import * as tf from '@tensorflow/tfjs';
import type { Random } from '../../data/index.js';
import { betaMixer, type Mixer } from './mixer.js';
import { mixWithRolled, probabilities, rollBatch } from './roll.js';

/** The pasted box, half-open: rows `[y1, y2)`, columns `[x1, x2)`. */
export interface CutBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** torchvision v2's box for λ: centre uniform over the image, sides `√(1 − λ)` of the image's, clipped to it. */
export function cutBox(lambda: number, height: number, width: number, random: Random): CutBox {
  const cx = Math.floor(random.next() * width);
  const cy = Math.floor(random.next() * height);
  const r = 0.5 * Math.sqrt(1 - lambda);
  const halfWidth = Math.trunc(r * width);
  const halfHeight = Math.trunc(r * height);
  return {
    x1: Math.max(cx - halfWidth, 0),
    y1: Math.max(cy - halfHeight, 0),
    x2: Math.min(cx + halfWidth, width),
    y2: Math.min(cy + halfHeight, height),
  };
}

/** 1 − the box's share of the image: λ corrected to the area actually pasted. */
export const keptShare = ({ x1, y1, x2, y2 }: CutBox, height: number, width: number): number =>
  1 - ((x2 - x1) * (y2 - y1)) / (width * height);

/**
 * torchvision v2's `CutMix(alpha)`: λ ~ Beta(α, α); a box of the rolled batch pasted into each
 * image, and the targets mixed with λ corrected to the pasted area. The box is a mask built on the
 * device: no image data goes through JavaScript.
 */
export const cutmix = (alpha = 1): Mixer =>
  betaMixer('cutmix', alpha, (batch, numClasses, random, drawn) => {
    const [, height, width] = batch.x.shape as [number, number, number, number];
    const box = cutBox(drawn, height, width, random);
    const lambda = keptShare(box, height, width);
    return tf.tidy(() => {
      const rows = tf
        .logicalAnd(tf.greaterEqual(tf.range(0, height), box.y1), tf.less(tf.range(0, height), box.y2))
        .reshape([1, height, 1, 1]);
      const columns = tf
        .logicalAnd(tf.greaterEqual(tf.range(0, width), box.x1), tf.less(tf.range(0, width), box.x2))
        .reshape([1, 1, width, 1]);
      const inside = tf.broadcastTo(tf.logicalAnd(rows, columns), batch.x.shape);
      return {
        x: tf.where(inside, rollBatch(batch.x), batch.x),
        y: mixWithRolled(probabilities(batch.y, numClasses), lambda) as tf.Tensor2D,
        lambda,
      };
    });
  });
