export * from './mixer.js';
export * from './mixup.js';
export * from './cutmix.js';
export * from './mix-or-cut.js';
export * from './mixed-loader.js';
export * from './mixing-error.js';
export { sampleBeta } from './beta.js';
