import type { KernelBank } from '../train/index.js';
import { kernelGrid, type KernelGridLayout, type KernelGridOptions } from './kernel-grid.js';
import { writeRgbPng } from './png.js';

/** Writes the first-layer kernel picture (see `kernelGrid`) to a PNG at `path`; resolves with its layout. */
export async function plotKernels(
  bank: KernelBank,
  path: string,
  options: KernelGridOptions = {},
): Promise<KernelGridLayout> {
  const { image, layout } = kernelGrid(bank, options);
  await writeRgbPng(image, path);
  return layout;
}
