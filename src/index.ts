export * from './backend/index.js';
export * from './data/index.js';
export * from './models/index.js';
export * from './train/index.js';
export * from './report/index.js';
export * from './infer/index.js';
export * from './dashboard/index.js';
export * from './torchrun/index.js';
