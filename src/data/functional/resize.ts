import type { RawImage } from '../sample-types.js';
import { TransformError } from '../errors.js';
import { checkSize, pairOf } from './check.js';
import { resampleBilinear } from './resample.js';

/**
 * torchvision's output size for `Resize(size)`: an int sets the shorter side and the longer one is
 * `int(size * long / short)` (truncated); `[h, w]` is exact.
 */
export function resizedSize(width: number, height: number, size: number | readonly [number, number]): [number, number] {
  if (typeof size !== 'number') return pairOf('resize', size);
  checkSize('resize', 'size', size);
  const long = Math.trunc((size * Math.max(width, height)) / Math.min(width, height));
  return width <= height ? [long, size] : [size, long];
}

/** The most pixels a resize may produce: Pillow's `MAX_IMAGE_PIXELS`, the decoder's default limit. */
export const MAX_RESIZE_PIXELS = 89_478_485;

/** torchvision's `F.resize` on a PIL image: Pillow's antialiased bilinear resampling. Refuses outputs over `MAX_RESIZE_PIXELS`. */
export function resize(image: RawImage, size: number | readonly [number, number]): RawImage {
  const [height, width] = resizedSize(image.width, image.height, size);
  if (width * height > MAX_RESIZE_PIXELS) {
    throw new TransformError(
      'resize',
      `an output of at most ${MAX_RESIZE_PIXELS} pixels`,
      `${image.width}x${image.height} resized to ${width}x${height}`,
    );
  }
  return { data: resampleBilinear(image.data, image.width, image.height, width, height), width, height };
}
