import sharp, { type Sharp } from 'sharp';
import type { RawImage } from '../sample-types.js';
import { ImageDecodeError } from '../errors.js';
import { MAX_RESIZE_PIXELS, resizedSize } from '../functional/resize.js';
import { decodeReason, diagnoseBytes } from './decode-reason.js';
import { imageHeader } from './header-size.js';
import { decodeLikePillow, pillowConversionOf } from './pillow-modes.js';
import { DEFAULT_READ_TIMEOUT_MS, readImageFile } from './read-image-file.js';
import { rasterFormatProblem } from './raster-format.js';

export interface LoadImageOptions {
  /** Convert from the embedded ICC profile to sRGB. Off by default, as Pillow's `convert('RGB')` ignores profiles. */
  readonly colorManaged?: boolean;
  /** Rotate/flip by the EXIF orientation tag. Off by default, as Pillow's `Image.open` does not. */
  readonly autoOrient?: boolean;
  /**
   * Refuse images with more pixels than this (decompression bombs), before and after `resize`.
   * Default: Pillow's `MAX_IMAGE_PIXELS`.
   */
  readonly maxPixels?: number;
  /**
   * Resize while decoding, in libvips's thread pool (sharp's linear kernel, no shrink-on-load):
   * torchvision's output size, pixels within the parity tolerance of Pillow's bilinear but not
   * identical (use `functional.resize` for exact pixels). The fast path for training input.
   */
  readonly resize?: number | readonly [number, number] | undefined;
  /** Give up reading a file after this many milliseconds (on the main thread; loader workers read synchronously, see `readImageFile`). Default 30 000. */
  readonly readTimeoutMs?: number;
}

/** Pillow's `Image.MAX_IMAGE_PIXELS`. */
export const DEFAULT_MAX_PIXELS = MAX_RESIZE_PIXELS;

/**
 * Decodes a file into 8-bit RGB, HWC, with the pixels of Pillow's `Image.open(path).convert('RGB')`:
 * grey is replicated, palettes are expanded, alpha is dropped (not composited), ICC profiles are
 * ignored unless `colorManaged`, 16-bit PNGs and CMYK JPEGs convert as Pillow converts them (see
 * `PillowConversion`). Only regular files are read (see `readImageFile`), and only JPEG, PNG, GIF,
 * WebP and TIFF bytes decoded, whatever the name (no SVG). Any failure is an
 * `ImageDecodeError` naming the file and the reason.
 */
export async function loadImage(path: string, options: LoadImageOptions = {}): Promise<RawImage> {
  return loadImageBytes(path, await readImageFile(path, options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS), options);
}

/** `loadImage` on bytes already read (a member of a shard); `path` is what an `ImageDecodeError` names. */
export async function loadImageBytes(
  path: string,
  data: Uint8Array,
  options: LoadImageOptions = {},
): Promise<RawImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.length);
  if (bytes.length === 0) throw new ImageDecodeError(path, diagnoseBytes(bytes));
  const notRaster = rasterFormatProblem(bytes);
  if (notRaster !== undefined) throw new ImageDecodeError(path, notRaster);
  let decoded: RawImage;
  try {
    decoded = await decode(path, bytes, options, maxPixels);
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    throw new ImageDecodeError(path, decodeReason((error as Error).message, bytes, maxPixels));
  }
  if (decoded.data.length !== decoded.width * decoded.height * 3) {
    throw new ImageDecodeError(
      path,
      `decoded to ${decoded.data.length} bytes for ${decoded.width}x${decoded.height}, expected RGB`,
    );
  }
  return decoded;
}

async function decode(path: string, bytes: Buffer, options: LoadImageOptions, maxPixels: number): Promise<RawImage> {
  const header = imageHeader(bytes);
  const input = (): Sharp => {
    const image = sharp(bytes, {
      ignoreIcc: !options.colorManaged,
      limitInputPixels: maxPixels,
      failOn: 'error',
      sequentialRead: true,
    });
    return options.autoOrient ? image.autoOrient() : image;
  };
  const outputSize = async (): Promise<[number, number] | undefined> => {
    if (options.resize === undefined) return undefined;
    const { width, height } = (!options.autoOrient && header) || (await orientedSize(input(), options.autoOrient));
    const [h, w] = resizedSize(width, height, options.resize);
    if (w * h > maxPixels)
      throw new ImageDecodeError(
        path,
        `resizing ${width}x${height} gives ${w}x${h}, more than ${maxPixels} pixels (decompression bomb limit, option maxPixels)`,
      );
    return [h, w];
  };
  const conversion = pillowConversionOf(header);
  if (conversion !== undefined) {
    const converted = await decodeLikePillow(input(), conversion);
    const size = await outputSize();
    if (size === undefined) return converted;
    const raw = { width: converted.width, height: converted.height, channels: 3 as const };
    return rgbOf(
      sharp(converted.data, { raw }).resize({
        width: size[1],
        height: size[0],
        fit: 'fill',
        kernel: 'linear',
        fastShrinkOnLoad: false,
      }),
    );
  }
  const size = await outputSize();
  const image =
    size === undefined
      ? input()
      : input().resize({ width: size[1], height: size[0], fit: 'fill', kernel: 'linear', fastShrinkOnLoad: false });
  return rgbOf(image);
}

async function rgbOf(image: Sharp): Promise<RawImage> {
  const { data, info } = await image
    .removeAlpha()
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected RGB`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

async function orientedSize(image: Sharp, autoOrient = false): Promise<{ width: number; height: number }> {
  const meta = await image.metadata();
  return autoOrient ? meta.autoOrient : { width: meta.width, height: meta.height };
}
