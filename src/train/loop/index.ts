export {
  CheckpointReadError,
  CheckpointWriteError,
  ConfigError,
  DuplicateStateKeyError,
  EmptyEpochError,
  NonFiniteLossError,
  NothingToTrainError,
  RunFolderError,
  RunFolderLockedError,
} from './errors.js';
export { evaluate, type EvaluateOptions, type Evaluation, imageLogits } from './evaluate.js';
export type {
  CheckpointEvent,
  DoneEvent,
  EpochEvent,
  EventBase,
  EventOf,
  FeatureMaps,
  KernelBank,
  LrEvent,
  NoticeEvent,
  SkippedEvent,
  StepEvent,
  TrainEvent,
  ValidatingEvent,
  ValidationEvent,
} from './events.js';
export { firstLayerKernels } from './first-layer-kernels.js';
export { fit, type FitOptions } from './fit.js';
export { runContext, RunContext, type RunContextOptions, type RunState, type Stateful } from './run-context.js';
export type { TrainBatch, TrainLoader } from './train-batch.js';
export { trainStep } from './train-step.js';
