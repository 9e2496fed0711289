import type { RawImage } from '../sample-types.js';
import { TransformError } from '../errors.js';
import { checkSize, pairOf } from './check.js';

/** The `height` x `width` window at (`top`, `left`); pixels outside the image are black, as Pillow's `crop` makes them. */
export function crop(image: RawImage, top: number, left: number, height: number, width: number): RawImage {
  checkSize('crop', 'height', height);
  checkSize('crop', 'width', width);
  if (!Number.isInteger(top) || !Number.isInteger(left))
    throw new TransformError('crop', 'integer top and left', { top, left });
  const data = new Uint8Array(height * width * 3);
  const x0 = Math.max(left, 0);
  const x1 = Math.min(left + width, image.width);
  const y0 = Math.max(top, 0);
  const y1 = Math.min(top + height, image.height);
  if (x1 > x0) {
    for (let y = y0; y < y1; y++) {
      const from = (y * image.width + x0) * 3;
      data.set(image.data.subarray(from, from + (x1 - x0) * 3), ((y - top) * width + (x0 - left)) * 3);
    }
  }
  return { data, width, height };
}

/** Python's `round` (half to even), which torchvision's `center_crop` uses for the offsets. */
const roundHalfEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** torchvision's `F.center_crop`: offsets `round((H - h) / 2)`, `round((W - w) / 2)`; zero padding if the crop is larger. */
export function centerCrop(image: RawImage, size: number | readonly [number, number]): RawImage {
  const [height, width] = pairOf('centerCrop', size);
  return crop(image, ...centerOffsets(image, height, width), height, width);
}

/** `[top, left]` of `center_crop`'s `height` x `width` window in an image of the given size. */
export const centerOffsets = (
  image: { readonly width: number; readonly height: number },
  height: number,
  width: number,
): [number, number] => [roundHalfEven((image.height - height) / 2), roundHalfEven((image.width - width) / 2)];
