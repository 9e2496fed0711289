export {
  BACKEND_ENV_VAR,
  BACKEND_PREFERENCE,
  WASM_THREADS_ENV_VAR,
  isBackendChoice,
  resolveBackendChoice,
} from './backend-names.js';
export type { BackendChoice, BackendName } from './backend-names.js';
export { BackendUnavailableError, InvalidBackendOptionError, UnsupportedKernelInputError } from './errors.js';
export { ensureBackend, initBackend } from './init-backend.js';
export type { ActiveBackend, InitBackendOptions, SkippedBackend } from './init-backend.js';
export { assertBatchFits, assertBatchFitsDevice } from './webgpu-batch-limit.js';
export { isSoftwareAdapter, describeAdapter } from './loaders/webgpu-adapter.js';
export { VERBOSE_ENV_VAR } from './loaders/webgpu-probe.js';
export { webgpuAdapter } from './loaders/webgpu.js';
export { WASM_TRAINING_KERNELS, registerWasmTrainingKernels } from './wasm-kernels/register.js';
export { canRunSgdUpdate, SGD_UPDATE } from './wasm-kernels/sgd-update.js';
export type { SgdUpdateAttrs } from './wasm-kernels/sgd-update.js';
