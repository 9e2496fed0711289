export {
  BACKEND_ENV_VAR,
  BACKEND_PREFERENCE,
  type BackendChoice,
  type BackendName,
  isBackendChoice,
  resolveBackendChoice,
  WASM_THREADS_ENV_VAR,
} from './backend-names.js';
export { BackendUnavailableError, InvalidBackendOptionError, UnsupportedKernelInputError } from './errors.js';
export {
  type ActiveBackend,
  ensureBackend,
  initBackend,
  type InitBackendOptions,
  type SkippedBackend,
} from './init-backend.js';
export { assertBatchFits, assertBatchFitsDevice } from './webgpu-batch-limit.js';
export { describeAdapter, isSoftwareAdapter } from './loaders/webgpu-adapter.js';
export { VERBOSE_ENV_VAR } from './loaders/webgpu-probe.js';
export { webgpuAdapter } from './loaders/webgpu.js';
export { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './wasm-kernels/register.js';
export { canRunSgdUpdate, SGD_UPDATE, type SgdUpdateAttrs } from './wasm-kernels/sgd-update.js';
