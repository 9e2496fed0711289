import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { RawImage } from '../sample-types.js';
import { ImageDecodeError } from '../errors.js';
import { resizedSize } from '../functional/resize.js';
import { headerSize } from './header-size.js';

export interface LoadImageOptions {
  /** Convert from the embedded ICC profile to sRGB. Off by default, as Pillow's `convert('RGB')` ignores profiles. */
  readonly colorManaged?: boolean;
  /** Rotate/flip by the EXIF orientation tag. Off by default, as Pillow's `Image.open` does not. */
  readonly autoOrient?: boolean;
  /** Refuse images with more pixels than this (decompression bombs). Default: Pillow's `MAX_IMAGE_PIXELS`. */
  readonly maxPixels?: number;
  /**
   * Resize while decoding, in libvips's thread pool (sharp's linear kernel, no shrink-on-load):
   * torchvision's output size, pixels within the parity tolerance of Pillow's bilinear but not
   * identical (use `functional.resize` for exact pixels). The fast path for training input.
   */
  readonly resize?: number | readonly [number, number];
}

/** Pillow's `Image.MAX_IMAGE_PIXELS`. */
export const DEFAULT_MAX_PIXELS = 89_478_485;

/**
 * Decodes a file into 8-bit RGB, HWC, with the pixels of Pillow's `Image.open(path).convert('RGB')`:
 * grey is replicated, palettes are expanded, alpha is dropped (not composited), ICC profiles are
 * ignored unless `colorManaged`. Any failure is an `ImageDecodeError` naming the file and the reason.
 */
export async function loadImage(path: string, options: LoadImageOptions = {}): Promise<RawImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  let decoded;
  try {
    // With a resize, the file is read once here: its size comes from the header, without libvips's metadata call.
    const bytes = options.resize === undefined ? undefined : await readFile(path);
    let pipeline = sharp(bytes ?? path, { ignoreIcc: !options.colorManaged, limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true });
    if (options.autoOrient) pipeline = pipeline.autoOrient();
    if (options.resize !== undefined) {
      const { width: w, height: h } = (bytes && !options.autoOrient && headerSize(bytes)) || (await orientedSize(pipeline, options.autoOrient));
      const [height, width] = resizedSize(w, h, options.resize);
      pipeline = pipeline.resize({ width, height, fit: 'fill', kernel: 'linear', fastShrinkOnLoad: false });
    }
    decoded = await pipeline.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageDecodeError(path, reasonOf((error as Error).message, maxPixels));
  }
  const { data, info } = decoded;
  if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
    throw new ImageDecodeError(path, `decoded to ${info.channels} channels of ${info.width}x${info.height}, expected RGB`);
  }
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

async function orientedSize(pipeline: ReturnType<typeof sharp>, autoOrient = false): Promise<{ width: number; height: number }> {
  const meta = await pipeline.metadata();
  return autoOrient ? meta.autoOrient : { width: meta.width, height: meta.height };
}

function reasonOf(message: string, maxPixels: number): string {
  if (/pixel limit/i.test(message)) return `more than ${maxPixels} pixels (decompression bomb limit, option maxPixels)`;
  return message.replace(/\s+/g, ' ').trim();
}
