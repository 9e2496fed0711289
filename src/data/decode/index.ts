export { decodeImage } from './decode-image.js';
export type { DecodeImageOptions } from './decode-image.js';
export { DEFAULT_MAX_PIXELS, loadImage, loadImageBytes } from './load-image.js';
export type { LoadImageOptions } from './load-image.js';
export { mapOrdered } from './map-ordered.js';
