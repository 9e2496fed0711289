import type * as tf from '@tensorflow/tfjs';

/** What a model factory is given. */
export interface ModelFactoryOptions {
  readonly numClasses: number;
  readonly imageSize: number;
  readonly widthDivisor: number;
  readonly seed: number;
}

/**
 * Builds the run's model. `minImageSize`, when the factory states it, is checked with the rest of
 * the configuration; the built model's layers are checked against `imageSize` in any case.
 */
export type ModelFactory = ((options: ModelFactoryOptions) => tf.LayersModel) & { readonly minImageSize?: number };
