import type { Random, RawImage, Sample } from '../sample-types.js';
import * as F from '../functional/index.js';
import { pairOf } from '../functional/check.js';
import { TransformError } from '../errors.js';
import { mapImage } from './map-image.js';
import { fusableOperator } from './fusion.js';

type Size = number | readonly [number, number];
type Geometry = (image: RawImage, random: Random) => RawImage;
type Plan = (window: F.PixelWindow, random: Random) => F.PixelWindow;
const geometry = (apply: Geometry, plan: Plan) =>
  fusableOperator<Sample<RawImage>, Sample<RawImage>>({ kind: 'geometry', apply, plan });

/** torchvision's `Resize(size)` (Pillow bilinear with antialiasing). */
export const resize = (size: Size) => mapImage((image: RawImage) => F.resize(image, size));

/** torchvision's `CenterCrop(size)`. */
export function centerCrop(size: Size) {
  const [h, w] = pairOf('centerCrop', size);
  return geometry(
    (image) => F.centerCrop(image, [h, w]),
    (window) => F.cropWindow(window, ...F.centerOffsets(window, h, w), h, w),
  );
}

/** torchvision's `RandomCrop(size)`: top then left drawn uniformly so the crop stays inside the image. */
export function randomCrop(size: Size) {
  const [h, w] = pairOf('randomCrop', size);
  const draw = (image: { readonly width: number; readonly height: number }, random: Random): [number, number] => {
    if (h > image.height || w > image.width)
      throw new TransformError('randomCrop', `an image at least ${w}x${h}`, `${image.width}x${image.height}`);
    const top = Math.floor(random.next() * (image.height - h + 1));
    return [top, Math.floor(random.next() * (image.width - w + 1))];
  };
  return geometry(
    (image, random) => F.crop(image, ...draw(image, random), h, w),
    (window, random) => F.cropWindow(window, ...draw(window, random), h, w),
  );
}

/** torchvision's `RandomHorizontalFlip(p)`. */
export const randomHorizontalFlip = (p = 0.5) =>
  geometry(
    (image, random) => (random.next() < p ? F.hflip(image) : image),
    (window, random) => (random.next() < p ? F.flipWindow(window) : window),
  );

/** torchvision's `TenCrop(size)`: each sample's image becomes an array of 10 crops. */
export const tenCrop = (size: Size) => mapImage((image: RawImage) => F.tenCrop(image, size));

/** torchvision's `FiveCrop(size)`. */
export const fiveCrop = (size: Size) => mapImage((image: RawImage) => F.fiveCrop(image, size));
