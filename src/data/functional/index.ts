export { centerCrop, centerOffsets, crop } from './crop.js';
export { fiveCrop, tenCrop } from './five-crop.js';
export { hflip } from './flip.js';
export { denormalize, denormalizeToBytes, IMAGENET_MEAN, IMAGENET_STD, normalize, normalizer, type Triple } from './normalize.js';
export { resize, resizedSize } from './resize.js';
export { toTensor, type Mapped, type OneOrMany } from './to-tensor.js';
export {
  adjustBrightness, adjustContrast, adjustSaturation, colorJitter, gaussian, grayscale, IMAGENET_EIGVAL, IMAGENET_EIGVEC,
  pcaLighting, pcaOffset, type ColorJitterOptions,
} from './color.js';
export { cropWindow, flipWindow, wholeWindow, type PixelWindow } from './window.js';
export { unitOfByte, valueTable, windowToTensor, type ValueMap } from './window-to-tensor.js';
