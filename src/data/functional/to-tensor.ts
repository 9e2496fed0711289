import type { FloatImage, RawImage } from '../sample-types.js';

/** One image, or the crops of one image (after `tenCrop`). */
export type OneOrMany<T> = T | readonly T[];
export type Mapped<T, To> = T extends readonly unknown[] ? To[] : To;

export function eachImage<A, B>(images: OneOrMany<A>, f: (image: A) => B): OneOrMany<B> {
  return Array.isArray(images) ? (images as readonly A[]).map(f) : f(images as A);
}

function toTensorOne(image: RawImage): FloatImage {
  const src = image.data;
  const data = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) data[i] = src[i]! / 255;
  return { data, width: image.width, height: image.height };
}

/** torchvision's `F.to_tensor`: 8-bit RGB to float32 in [0, 1] (kept HWC); maps over arrays of crops. */
export function toTensor<T extends OneOrMany<RawImage>>(images: T): Mapped<T, FloatImage> {
  return eachImage(images, toTensorOne) as Mapped<T, FloatImage>;
}
