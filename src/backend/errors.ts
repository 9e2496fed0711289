import { InvalidValueError } from '../util/index.js';

/** A backend was requested by name and cannot run here; `reason` says why. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  constructor(
    readonly backend: string,
    readonly reason: string,
  ) {
    super(`backend '${backend}' was requested but is not available: ${reason}`);
  }
}

/** A backend option (or its environment variable) has a value it cannot take. */
export class InvalidBackendOptionError extends InvalidValueError {
  override readonly name = 'InvalidBackendOptionError';
}

/** A training kernel met an input it does not support (e.g. a layout other than NHWC). */
export class UnsupportedKernelInputError extends Error {
  override readonly name = 'UnsupportedKernelInputError';
  constructor(
    readonly kernelName: string,
    detail: string,
  ) {
    super(`${kernelName} on wasm: ${detail}`);
  }
}
