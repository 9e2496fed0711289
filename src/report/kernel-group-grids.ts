import type { KernelBank } from '../train/index.js';
import { PlotInputError } from './errors.js';
import { kernelGrid, type KernelGridLayout, type KernelGridOptions, type RgbImage } from './kernel-grid.js';

/**
 * A deeper convolution's kernels (HWIO, `I` input channels per group), one grid per group of a
 * grouped convolution (one for torchvision's AlexNet, the paper's two-GPU halves for its conv2):
 * a row per output kernel of the group, a column per input channel, each tile grey and min-max
 * scaled on its own (tiles at least 3 px per kernel pixel, the grid about 480 px wide or more), as the course's `make_grid(kernel.unsqueeze(1), normalize=True, scale_each=True, nrow=c_in)`.
 */
export function kernelGroupGrids(
  bank: KernelBank,
  groups = 1,
  options: KernelGridOptions = {},
): { image: RgbImage; layout: KernelGridLayout }[] {
  const [h, w, inputs, outputs] = bank.shape;
  if (!bank.shape.every((d) => Number.isInteger(d) && d > 0) || bank.values.length !== h * w * inputs * outputs) {
    throw new PlotInputError(
      'kernelGroupGrids',
      `expected an HWIO kernel bank, got shape [${bank.shape.join(', ')}] with ${bank.values.length} values`,
    );
  }
  if (!Number.isInteger(groups) || groups < 1 || outputs % groups !== 0) {
    throw new PlotInputError('kernelGroupGrids', `groups must divide the ${outputs} output kernels, got ${groups}`);
  }
  const perGroup = outputs / groups;
  const tiles = perGroup * inputs;
  return Array.from({ length: groups }, (_, g) => {
    const values = new Array<number>(h * w * tiles);
    for (let p = 0; p < h * w; p++) {
      for (let o = 0; o < perGroup; o++) {
        for (let i = 0; i < inputs; i++)
          values[p * tiles + o * inputs + i] = bank.values[(p * inputs + i) * outputs + g * perGroup + o]!;
      }
    }
    const scale = Math.max(3, Math.floor(480 / (inputs * w)));
    return kernelGrid(
      { shape: [h, w, 1, tiles], values },
      { scale, gap: Math.max(1, Math.round(scale / 6)), columns: inputs, ...options },
    );
  });
}
