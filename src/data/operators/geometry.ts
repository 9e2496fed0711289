import type { RawImage } from '../sample-types.js';
import * as F from '../functional/index.js';
import { pairOf } from '../functional/check.js';
import { TransformError } from '../errors.js';
import { mapImage } from './map-image.js';

/** torchvision's `Resize(size)` (Pillow bilinear with antialiasing). */
export const resize = (size: number | readonly [number, number]) => mapImage((image: RawImage) => F.resize(image, size));

/** torchvision's `CenterCrop(size)`. */
export const centerCrop = (size: number | readonly [number, number]) => mapImage((image: RawImage) => F.centerCrop(image, size));

/** torchvision's `RandomCrop(size)`: top then left drawn uniformly so the crop stays inside the image. */
export function randomCrop(size: number | readonly [number, number]) {
  const [h, w] = pairOf('randomCrop', size);
  return mapImage((image: RawImage, random) => {
    if (h > image.height || w > image.width) throw new TransformError('randomCrop', `an image at least ${w}x${h}`, `${image.width}x${image.height}`);
    const top = Math.floor(random.next() * (image.height - h + 1));
    const left = Math.floor(random.next() * (image.width - w + 1));
    return F.crop(image, top, left, h, w);
  });
}

/** torchvision's `RandomHorizontalFlip(p)`. */
export const randomHorizontalFlip = (p = 0.5) => mapImage((image: RawImage, random) => (random.next() < p ? F.hflip(image) : image));

/** torchvision's `TenCrop(size)`: each sample's image becomes an array of 10 crops. */
export const tenCrop = (size: number | readonly [number, number]) => mapImage((image: RawImage) => F.tenCrop(image, size));

/** torchvision's `FiveCrop(size)`. */
export const fiveCrop = (size: number | readonly [number, number]) => mapImage((image: RawImage) => F.fiveCrop(image, size));
