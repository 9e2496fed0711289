export * from './events.js';
export * from './errors.js';
export * from './loss.js';
export * from './sgd.js';
export type { NamedArrays } from './named-arrays.js';
export * from './run-context.js';
export * from './seeded-dropout.js';
export * from './fit.js';
