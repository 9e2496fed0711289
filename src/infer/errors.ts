/** A model file, labels file or data folder that inference cannot use: names it and says what was expected. */
export class InferenceInputError extends Error {
  override readonly name = 'InferenceInputError';
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: ${expected}`);
  }
}

/** An export would overwrite a file: the model it reads, or (without `--force`) any existing file. */
export class ExportTargetError extends Error {
  override readonly name = 'ExportTargetError';
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}
