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
