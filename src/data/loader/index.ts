export { batch, type BatchOperatorOptions } from './batch-operator.js';
export type { PumpItem, PumpSource, PumpStats } from './batch-pump.js';
export { collate, type TransformedSample } from './collate.js';
export { epochBatches } from './epoch-batches.js';
export { epochOrder } from './epoch-order.js';
export {
  BatchShapeError,
  describeSkipped,
  LoaderOptionError,
  NoBatchError,
  SampleOutputError,
  SampleTimeoutError,
  SampleWorkerError,
  WorkerTransformError,
} from './errors.js';
export { type ComposableLoader, loader, type LoaderSource } from './loader.js';
export { defaultConcurrency, type LoaderOptions, type ResolvedLoaderOptions, resolveLoaderOptions } from './options.js';
export type { SampleTransform } from './run-sample.js';
export type { Outcome } from './sample-runner.js';
export { type SampleWork, sampleWork } from './sample-work.js';
export { poolThreadsFor, threadPlan, type ThreadPlan } from './thread-plan.js';
export { type WorkerRecipe, workerTransform } from './worker-transform.js';
