import type { FloatImage, RawImage } from '../sample-types.js';
import * as F from '../functional/index.js';
import { mapImage } from './map-image.js';

/** torchvision's `ColorJitter(brightness, contrast, saturation)` on 8-bit RGB. */
export const colorJitter = (options: F.ColorJitterOptions) =>
  mapImage((image: RawImage, random) => F.colorJitter(image, options, random));

/** AlexNet's PCA lighting on a [0, 1] image (after `toTensor`, before `normalize`); `alphaStd` 0.1 as in the paper. */
export const pcaLighting = (alphaStd = 0.1) =>
  mapImage((image: FloatImage, random) => F.pcaLighting(image, F.pcaOffset(alphaStd, random)));
