import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { KernelBank } from '../train/events.js';
import { kernelGrid, type KernelGridLayout, type KernelGridOptions } from './kernel-grid.js';

/** Writes the first-layer kernel picture (see `kernelGrid`) to a PNG at `path`; resolves with its layout. */
export async function plotKernels(bank: KernelBank, path: string, options: KernelGridOptions = {}): Promise<KernelGridLayout> {
  const { image, layout } = kernelGrid(bank, options);
  await mkdir(dirname(path), { recursive: true });
  await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toFile(path);
  return layout;
}
