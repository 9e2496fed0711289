export { BACKEND_ENV_VAR, BACKEND_PREFERENCE, WASM_THREADS_ENV_VAR, isBackendChoice } from './backend-names.js';
export type { BackendChoice, BackendName } from './backend-names.js';
export { BackendUnavailableError, InvalidBackendOptionError, UnsupportedKernelInputError } from './errors.js';
export { ensureBackend, initBackend } from './init-backend.js';
export type { ActiveBackend, InitBackendOptions, SkippedBackend } from './init-backend.js';
export { WASM_TRAINING_KERNELS, registerWasmTrainingKernels } from './wasm-kernels/register.js';
