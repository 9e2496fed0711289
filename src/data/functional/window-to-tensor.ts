import type { FloatImage, RawImage } from '../sample-types.js';
import type { PixelWindow } from './window.js';

/** A float32 function of one channel value, applied after `toTensor` (e.g. `normalize`'s). */
export type ValueMap = (value: number, channel: number) => number;

/** `toTensor`'s value of a byte, as float32. */
export const unitOfByte = (byte: number): number => Math.fround(byte / 255);

/**
 * The float32 value of every byte in each channel (`table[channel * 256 + byte]`) after `toTensor`
 * and then `maps` in order, each result rounded to float32 as the unfused operators store it.
 */
export function valueTable(maps: readonly ValueMap[]): Float32Array {
  const table = new Float32Array(3 * 256);
  for (let channel = 0; channel < 3; channel++) {
    for (let byte = 0; byte < 256; byte++) {
      let value = unitOfByte(byte);
      for (const map of maps) value = Math.fround(map(value, channel));
      table[channel * 256 + byte] = value;
    }
  }
  return table;
}

/** The window's pixels of `image` through `table`, in one pass into one float image (in `out` when given). */
export function windowToTensor(
  image: RawImage,
  window: PixelWindow,
  table: Float32Array,
  out?: Float32Array,
): FloatImage {
  const { width, height, top, left, mirrored } = window;
  const src = image.data;
  const data = out ?? new Float32Array(width * height * 3);
  const clamp = (x: number): number => Math.min(Math.max(x, 0), width);
  const first = clamp(mirrored ? left - window.x1 + 1 : window.x0 - left);
  const end = Math.max(first, clamp(mirrored ? left - window.x0 + 1 : window.x1 - left));
  const step = mirrored ? -3 : 3;
  const [black0, black1, black2] = [table[0]!, table[256]!, table[512]!];
  for (let y = 0; y < height; y++) {
    const sy = top + y;
    const inside = sy >= window.y0 && sy < window.y1;
    let o = y * width * 3;
    const blackUntil = inside ? first : width;
    for (let x = 0; x < blackUntil; x++, o += 3) [data[o], data[o + 1], data[o + 2]] = [black0, black1, black2];
    if (!inside) continue;
    for (
      let x = first, s = (sy * image.width + (mirrored ? left - first : left + first)) * 3;
      x < end;
      x++, s += step, o += 3
    ) {
      data[o] = table[src[s]!]!;
      data[o + 1] = table[256 + src[s + 1]!]!;
      data[o + 2] = table[512 + src[s + 2]!]!;
    }
    for (let x = end; x < width; x++, o += 3) [data[o], data[o + 1], data[o + 2]] = [black0, black1, black2];
  }
  return { data, width, height };
}
