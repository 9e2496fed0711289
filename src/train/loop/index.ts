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
export { evaluate, imageLogits } from './evaluate.js';
export type { EvaluateOptions, Evaluation } from './evaluate.js';
export type {
  CheckpointEvent,
  DoneEvent,
  EpochEvent,
  EventBase,
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
export { fit } from './fit.js';
export type { FitOptions } from './fit.js';
export { RunContext, runContext } from './run-context.js';
export type { RunContextOptions, RunState, Stateful } from './run-context.js';
export type { TrainBatch, TrainLoader } from './train-batch.js';
export { trainStep } from './train-step.js';
