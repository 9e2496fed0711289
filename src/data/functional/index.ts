export {
  adjustBrightness,
  adjustContrast,
  adjustSaturation,
  colorJitter,
  type ColorJitterOptions,
  gaussian,
  grayscale,
  IMAGENET_EIGVAL,
  IMAGENET_EIGVEC,
  pcaLighting,
  pcaOffset,
} from './color.js';
export { centerCrop, centerOffsets, crop } from './crop.js';
export { fiveCrop, tenCrop } from './five-crop.js';
export { hflip } from './flip.js';
export {
  denormalize,
  denormalizeToBytes,
  IMAGENET_MEAN,
  IMAGENET_STD,
  normalize,
  normalizer,
  type Triple,
} from './normalize.js';
export { resize, resizedSize } from './resize.js';
export { type Mapped, type OneOrMany, toTensor } from './to-tensor.js';
export { unitOfByte, type ValueMap, valueTable, windowToTensor } from './window-to-tensor.js';
export { cropWindow, flipWindow, type PixelWindow, wholeWindow } from './window.js';
