/** A data source cannot be listed: names the folder (or file) and what was looked for. */
export class DataSourceError extends Error {
  override readonly name = 'DataSourceError';
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: ${expected}`);
  }
}

/** A file could not be decoded into an RGB image: corrupt, truncated, empty, not an image, or too large. */
export class ImageDecodeError extends Error {
  override readonly name = 'ImageDecodeError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot decode ${path}: ${reason}`);
  }
}

/** A transform was given an option or an image it cannot work with: names the option and what was expected. */
export class TransformError extends Error {
  override readonly name = 'TransformError';
  constructor(
    readonly transform: string,
    readonly expected: string,
    readonly actual?: unknown,
  ) {
    super(`${transform}: expected ${expected}${actual === undefined ? '' : `, got ${JSON.stringify(actual)}`}`);
  }
}
