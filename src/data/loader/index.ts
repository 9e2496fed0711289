export { batch, type BatchOperatorOptions } from './batch-operator.js';
export { collate, type TransformedSample } from './collate.js';
export { epochOrder } from './epoch-order.js';
export { BatchShapeError, LoaderOptionError } from './errors.js';
export { loader, type LoaderSource } from './loader.js';
export { defaultConcurrency, type LoaderOptions } from './options.js';
export type { PumpStats } from './batch-pump.js';
export type { Outcome, SampleTransform } from './run-sample.js';
