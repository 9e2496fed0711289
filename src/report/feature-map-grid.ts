import type { FeatureMaps } from '../train/index.js';
import { PlotInputError } from './errors.js';
import { kernelGrid, type KernelGridLayout, type KernelGridOptions, type RgbImage } from './kernel-grid.js';

/**
 * The course's `make_grid(maps, normalize=True, scale_each=True)`: each channel of HWC feature maps
 * as a grey tile, min-max scaled on its own, on black. An HWC block is laid out as an HWIO bank with
 * one input channel, so the tiles are `kernelGrid`'s.
 */
export function featureMapGrid(
  maps: Pick<FeatureMaps, 'shape' | 'values'>,
  options: KernelGridOptions = {},
): { image: RgbImage; layout: KernelGridLayout } {
  const [h, w, c] = maps.shape;
  if (maps.values.length !== h * w * c) {
    throw new PlotInputError(
      'featureMapGrid',
      `shape [${maps.shape.join(', ')}] needs ${h * w * c} values, got ${maps.values.length}`,
    );
  }
  return kernelGrid({ shape: [h, w, 1, c], values: maps.values }, { background: [0, 0, 0], ...options });
}
