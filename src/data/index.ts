export * from './batch-types.js';
export * from './sample-types.js';
export * from './random.js';
export * from './loader/index.js';
