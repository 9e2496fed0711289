/** A value from a named source (an option, an environment variable) that it cannot take: `RXTRAIN_BACKEND is 'gpu'; expected one of …`. */
export class InvalidValueError extends Error {
  override readonly name: string = 'InvalidValueError';
  constructor(
    /** Where the value came from: the option's or the environment variable's name. */
    readonly source: string,
    readonly value: string,
    readonly expected: string,
  ) {
    super(`${source} is '${value}'; expected ${expected}`);
  }
}
