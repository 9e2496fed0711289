import { join } from 'node:path';
import { writeRgbPng, kernelGroupGrids, plotFeatureMaps, plotKernels } from '../report/index.js';
import { checkpointConvWeights, torchConvWeights, imageFeatureMaps } from '../train/index.js';
import { familyOf, visualizeModel } from './visualize-model.js';

export interface VisualizeOptions {
  /** Exactly one of a PyTorch `.pth` state dict and an rxtrain checkpoint. */
  readonly weights?: string;
  readonly checkpoint?: string;
  /** An image whose first-layer feature maps are drawn. */
  readonly image?: string;
  readonly out: string;
}

/**
 * Writes into `out`: `kernels.png` (the first convolution's kernels), for AlexNet
 * `layer2-kernels-group-N.png` (the second's, one grid per convolution group) and, with `image`,
 * `feature-maps.png` (the first convolution's responses; for the ResNets and MobileNets before their batch norm).
 * Resolves with the files written, in that order.
 */
export async function runVisualize(options: VisualizeOptions): Promise<string[]> {
  const family = await familyOf(options);
  if (family !== 'alexnet') return visualizeModel(options);
  const { layout, convolutions } =
    options.weights !== undefined
      ? await torchConvWeights(options.weights)
      : await checkpointConvWeights(options.checkpoint!);
  const [first, second] = convolutions;
  if (first === undefined || second === undefined)
    throw new RangeError(`visualize: expected at least two convolutions, found ${convolutions.length}`);
  const written: string[] = [];
  const kernels = join(options.out, 'kernels.png');
  await plotKernels(first.kernel, kernels);
  written.push(kernels);
  const grids = kernelGroupGrids(second.kernel, second.groups);
  for (const [g, { image }] of grids.entries()) {
    const path = join(options.out, `layer2-kernels-group-${g + 1}.png`);
    await writeRgbPng(image, path);
    written.push(path);
  }
  if (options.image !== undefined) {
    const { initBackend } = await import('../backend/index.js');
    await initBackend();
    const path = join(options.out, 'feature-maps.png');
    await plotFeatureMaps(await imageFeatureMaps(options.image, first, layout), path);
    written.push(path);
  }
  return written;
}
