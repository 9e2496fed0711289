import type { RawImage } from '../sample-types.js';

/** Mirrors left to right. */
export function hflip(image: RawImage): RawImage {
  const { width, height } = image;
  const src = image.data;
  const data = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const row = y * width * 3;
    for (let x = 0, m = (width - 1) * 3; x < width * 3; x += 3, m -= 3) {
      data[row + x] = src[row + m]!;
      data[row + x + 1] = src[row + m + 1]!;
      data[row + x + 2] = src[row + m + 2]!;
    }
  }
  return { data, width, height };
}
