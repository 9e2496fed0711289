/** A loader option is out of range: names the option and what was expected. */
export class LoaderOptionError extends Error {
  override readonly name = 'LoaderOptionError';
  constructor(
    readonly option: string,
    readonly expected: string,
    readonly actual: unknown,
  ) {
    super(`loader option ${option}: expected ${expected}, got ${JSON.stringify(actual)}`);
  }
}

/** Samples of one batch do not share a shape: names the file that differs and both shapes. */
export class BatchShapeError extends Error {
  override readonly name = 'BatchShapeError';
  constructor(
    readonly path: string,
    readonly expected: readonly number[],
    readonly actual: readonly number[],
  ) {
    super(`${path}: its image has shape [${actual.join(', ')}], expected [${expected.join(', ')}] as the first sample of its batch`);
  }
}
