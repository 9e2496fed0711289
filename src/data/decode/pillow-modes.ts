import type { Sharp } from 'sharp';
import type { RawImage } from '../sample-types.js';
import type { ImageHeader } from './header-size.js';

/**
 * Files whose `convert('RGB')` in Pillow is not libvips's sRGB conversion:
 * - `grey16`: a 16-bit grey PNG opens as mode `I` (32-bit integers), and `convert('RGB')` clips each
 *   value to 0–255 (a 16-bit value of 40000 becomes 255, not 156);
 * - `high-byte`: 16-bit RGB, RGBA and grey+alpha PNGs open as 8-bit modes keeping each sample's high
 *   byte (`v >> 8`, where libvips rounds `v / 257`);
 * - `cmyk`: a CMYK JPEG is converted by Pillow's formula `(255 − c)(255 − k) / 255`, not by a CMYK profile.
 */
export type PillowConversion = 'grey16' | 'high-byte' | 'cmyk';

export function pillowConversionOf(header: ImageHeader | undefined): PillowConversion | undefined {
  if (header?.format === 'png' && header.bitDepth === 16) return header.layout === 0 ? 'grey16' : 'high-byte';
  if (header?.format === 'jpeg' && header.layout === 4) return 'cmyk';
  return undefined;
}

/** Pillow's `MULDIV255`: `a · b / 255` rounded as Pillow rounds it. */
const mulDiv255 = (a: number, b: number): number => {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
};

/** Decodes `image` (sharp, input options already set) into 8-bit RGB as Pillow's `convert('RGB')` does for `conversion`. */
export async function decodeLikePillow(image: Sharp, conversion: PillowConversion): Promise<RawImage> {
  if (conversion === 'cmyk') {
    const { data, info } = await image
      .pipelineColourspace('cmyk')
      .toColourspace('cmyk')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const out = new Uint8Array(info.width * info.height * 3);
    for (let p = 0, q = 0; q < out.length; p += info.channels, q += 3) {
      const nk = 255 - data[p + 3]!;
      for (let c = 0; c < 3; c++) out[q + c] = nk - mulDiv255(data[p + c]!, nk);
    }
    return { data: out, width: info.width, height: info.height };
  }
  const { data, info } = await image
    .toColourspace(conversion === 'grey16' ? 'grey16' : 'rgb16')
    .raw({ depth: 'ushort' })
    .toBuffer({ resolveWithObject: true });
  const samples = new Uint16Array(Uint8Array.from(data).buffer);
  const colour = info.channels >= 3;
  const toByte = conversion === 'grey16' ? (v: number) => Math.min(v, 255) : (v: number) => v >> 8;
  const out = new Uint8Array(info.width * info.height * 3);
  for (let p = 0, q = 0; q < out.length; p += info.channels, q += 3) {
    for (let c = 0; c < 3; c++) out[q + c] = toByte(samples[p + (colour ? c : 0)]!);
  }
  return { data: out, width: info.width, height: info.height };
}
