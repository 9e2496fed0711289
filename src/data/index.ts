export * from './batch-types.js';
export * from './sample-types.js';
export * from './random.js';
export * from './errors.js';
export * from './sample-of.js';
export * from './sources/index.js';
export * from './decode/index.js';
export * as functional from './functional/index.js';
export { IMAGENET_MEAN, IMAGENET_STD, type Triple } from './functional/index.js';
