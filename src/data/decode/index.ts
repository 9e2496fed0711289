export { decodeImage, type DecodeImageOptions } from './decode-image.js';
export { DEFAULT_MAX_PIXELS, loadImage, loadImageBytes, type LoadImageOptions } from './load-image.js';
export { mapOrdered } from './map-ordered.js';
