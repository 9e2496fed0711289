import type { FeatureMaps } from '../train/index.js';
import { featureMapGrid } from './feature-map-grid.js';
import type { KernelGridLayout, KernelGridOptions } from './kernel-grid.js';
import { writeRgbPng } from './png.js';

/** Writes feature maps as a grid of grey tiles (see `featureMapGrid`) to a PNG at `path`; resolves with its layout. */
export async function plotFeatureMaps(
  maps: Pick<FeatureMaps, 'shape' | 'values'>,
  path: string,
  options: KernelGridOptions = {},
): Promise<KernelGridLayout> {
  const { image, layout } = featureMapGrid(maps, options);
  await writeRgbPng(image, path);
  return layout;
}
