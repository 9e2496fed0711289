import type { FloatImage } from '../sample-types.js';
import { TransformError } from '../errors.js';
import { eachImage, type Mapped, type OneOrMany } from './to-tensor.js';
import type { ValueMap } from './window-to-tensor.js';

export type Triple = readonly [number, number, number];

export const IMAGENET_MEAN: Triple = [0.485, 0.456, 0.406];
export const IMAGENET_STD: Triple = [0.229, 0.224, 0.225];

function checkStats(transform: string, mean: Triple, std: Triple): void {
  if (mean.length !== 3 || std.length !== 3)
    throw new TransformError(transform, 'mean and std of 3 channels', { mean, std });
  if (std.some((s) => !(s !== 0 && Number.isFinite(s))))
    throw new TransformError(transform, 'a finite non-zero std per channel', std);
}

function affine(image: FloatImage, f: (value: number, channel: number) => number): FloatImage {
  const src = image.data;
  const data = new Float32Array(src.length);
  for (let i = 0; i < src.length; i += 3) {
    data[i] = f(src[i]!, 0);
    data[i + 1] = f(src[i + 1]!, 1);
    data[i + 2] = f(src[i + 2]!, 2);
  }
  return { data, width: image.width, height: image.height };
}

/** torchvision's `F.normalize`: `(x - mean) / std` per channel, in float32 arithmetic; maps over arrays of crops. */
export function normalize<T extends OneOrMany<FloatImage>>(
  images: T,
  mean: Triple,
  std: Triple,
): Mapped<T, FloatImage> {
  const f = normalizer(mean, std);
  return eachImage(images, (image) => affine(image, f)) as Mapped<T, FloatImage>;
}

/** `normalize`'s function of one value of a channel (its result is stored as float32). */
export function normalizer(mean: Triple, std: Triple): ValueMap {
  checkStats('normalize', mean, std);
  const m = mean.map(Math.fround);
  const s = std.map(Math.fround);
  return (v, c) => Math.fround(v - m[c]!) / s[c]!;
}

/** The inverse of `normalize`: `x * std + mean` per channel. */
export function denormalize<T extends OneOrMany<FloatImage>>(
  images: T,
  mean: Triple,
  std: Triple,
): Mapped<T, FloatImage> {
  checkStats('denormalize', mean, std);
  return eachImage(images, (image) => affine(image, (v, c) => v * std[c]! + mean[c]!)) as Mapped<T, FloatImage>;
}

/** A normalised image back to 8-bit RGB bytes (for looking at it): denormalised, clamped to [0, 1], scaled to 255. */
export function denormalizeToBytes(
  image: FloatImage,
  mean: Triple = IMAGENET_MEAN,
  std: Triple = IMAGENET_STD,
): Uint8Array {
  const plain = denormalize(image, mean, std).data;
  const bytes = new Uint8Array(plain.length);
  for (let i = 0; i < plain.length; i++) bytes[i] = Math.round(Math.min(1, Math.max(0, plain[i]!)) * 255);
  return bytes;
}
