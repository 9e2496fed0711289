/** A model file, labels file or data folder that inference cannot use: names it and says what was expected. */
export class InferenceInputError extends Error {
  override readonly name: string = 'InferenceInputError';
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: ${expected}`);
  }
}

/** An image size that leaves one of the model's layers with no output. */
export class InputTooSmallError extends InferenceInputError {
  override readonly name = 'InputTooSmallError';
  constructor(
    path: string,
    readonly imageSize: number,
    readonly smallest: number | undefined,
    layer: string,
  ) {
    super(
      path,
      `an image size of ${imageSize} leaves layer ${layer} with no output; this model needs ${smallest === undefined ? 'a larger one' : `at least ${smallest}`} (imageSize, --image-size)`,
    );
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
