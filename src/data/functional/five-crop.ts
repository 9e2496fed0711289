import type { RawImage } from '../sample-types.js';
import { TransformError } from '../errors.js';
import { pairOf } from './check.js';
import { centerCrop, crop } from './crop.js';
import { hflip } from './flip.js';

/** torchvision's `F.five_crop`: top-left, top-right, bottom-left, bottom-right, center. */
export function fiveCrop(image: RawImage, size: number | readonly [number, number]): RawImage[] {
  const [h, w] = pairOf('fiveCrop', size);
  const { width, height } = image;
  if (h > height || w > width)
    throw new TransformError('fiveCrop', `a crop no larger than the image (${width}x${height})`, {
      height: h,
      width: w,
    });
  return [
    crop(image, 0, 0, h, w),
    crop(image, 0, width - w, h, w),
    crop(image, height - h, 0, h, w),
    crop(image, height - h, width - w, h, w),
    centerCrop(image, [h, w]),
  ];
}

/** torchvision's `F.ten_crop` (horizontal): the five crops of the image, then the five of its mirror image. */
export function tenCrop(image: RawImage, size: number | readonly [number, number]): RawImage[] {
  return [...fiveCrop(image, size), ...fiveCrop(hflip(image), size)];
}
