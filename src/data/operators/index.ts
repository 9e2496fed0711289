export { colorJitter, pcaLighting } from './color.js';
export { compose } from './compose.js';
export { centerCrop, fiveCrop, randomCrop, randomHorizontalFlip, resize, tenCrop } from './geometry.js';
export { mapImage } from './map-image.js';
export { normalize, toTensor } from './tensor.js';
