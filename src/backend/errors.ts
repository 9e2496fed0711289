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

/** The backend option (or `RXTRAIN_BACKEND`) names no known backend. */
export class InvalidBackendOptionError extends Error {
  override readonly name = 'InvalidBackendOptionError';
  constructor(
    readonly source: string,
    readonly value: string,
    readonly expected: readonly string[],
  ) {
    super(`${source} is '${value}'; expected one of ${expected.map((e) => `'${e}'`).join(', ')}`);
  }
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
