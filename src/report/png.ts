import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { RgbImage } from './kernel-grid.js';

/** An 8-bit RGB image as PNG bytes. */
export const rgbPng = (image: RgbImage): Promise<Buffer> =>
  sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();

/** Writes an 8-bit RGB image to a PNG at `path`, creating its folder. */
export async function writeRgbPng(image: RgbImage, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toFile(path);
}
