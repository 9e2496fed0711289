import type * as tf from '@tensorflow/tfjs';
import type { ResolvedConfig } from './config.js';
import { ConfigError } from './errors.js';

/** The run's model: `config.model` (AlexNet by default), with `config.weights` loaded when given. */
export async function buildModel(config: ResolvedConfig): Promise<tf.LayersModel> {
  const factory = config.model;
  if (factory === undefined) throw new ConfigError('model', 'a model factory: this build has no default AlexNet yet');
  if (config.weights !== undefined) throw new ConfigError('weights', 'no weights: this build cannot import .pth files yet', config.weights);
  return factory({ numClasses: config.numClasses, imageSize: config.imageSize, widthDivisor: config.widthDivisor, seed: config.seed });
}
