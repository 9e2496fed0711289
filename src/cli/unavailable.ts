/** A command needs a part of rxtrain this build does not have yet; says which. */
export class FeatureUnavailableError extends Error {
  override readonly name = 'FeatureUnavailableError';
  constructor(
    readonly feature: string,
    detail: string,
  ) {
    super(`${feature} is not available in this build: ${detail}`);
  }
}
