export { ensureBackend, initBackend } from './init-backend.js';
export type { ActiveBackend, InitBackendOptions, SkippedBackend } from './init-backend.js';
export { BACKEND_ENV_VAR, BACKEND_PREFERENCE, isBackendChoice, WASM_THREADS_ENV_VAR } from './backend-names.js';
export type { BackendChoice, BackendName } from './backend-names.js';
export { BackendUnavailableError, InvalidBackendOptionError, UnsupportedKernelInputError } from './errors.js';
export { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './wasm-kernels/register.js';
