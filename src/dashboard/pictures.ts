import type { DoneEvent } from '../train/index.js';
import { featureMapGrid, kernelGrid, rgbPng } from '../report/index.js';
import type { PictureName } from './wire-event.js';

const drawn = new WeakMap<DoneEvent, Map<PictureName, Promise<Buffer | undefined>>>();

/**
 * The run's first-layer kernels or feature maps as PNG bytes, drawn as `kernels.png` and
 * `feature-maps.png` are, from the `done` event; undefined when the run has none. Drawn once per event.
 */
export function picturePng(done: DoneEvent, name: PictureName): Promise<Buffer | undefined> {
  const pictures = drawn.get(done) ?? new Map<PictureName, Promise<Buffer | undefined>>();
  drawn.set(done, pictures);
  let png = pictures.get(name);
  if (png === undefined) {
    const image =
      name === 'kernels'
        ? done.firstLayerKernels && kernelGrid(done.firstLayerKernels).image
        : done.firstLayerFeatureMaps && featureMapGrid(done.firstLayerFeatureMaps).image;
    png = image === undefined ? Promise.resolve(undefined) : rgbPng(image);
    pictures.set(name, png);
  }
  return png;
}
