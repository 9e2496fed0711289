export * from './optimizer-group.js';
export * from './adam.js';
export * from './adam-update.js';
export * from './no-decay.js';
export * from './clip-grad-norm.js';
export * from './accumulate.js';
export * from './wrap-optimizer.js';
