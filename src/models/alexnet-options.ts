import { checkModelOption, ModelOptionError } from './errors.js';
import { integerRule, numberRule, positiveInteger } from '../util/index.js';

export type AlexNetVariant = 'torchvision' | 'paper';

export interface AlexNetOptions {
  /** Output classes (the last linear layer's width). Default 1000. */
  readonly numClasses?: number;
  /** `'torchvision'` (default): torchvision's AlexNet; `'paper'`: the 2012 two-GPU layout. */
  readonly variant?: AlexNetVariant;
  /** Divides every layer's width (a positive integer); 1 gives the full model. */
  readonly widthDivisor?: number;
  /** Dropout probability of the classifier's two dropout layers. Default 0.5. */
  readonly dropout?: number;
  /** Fixes the input to `inputSize × inputSize`. Default: any size ≥ 63 (torchvision), 227 (paper). */
  readonly inputSize?: number | undefined;
  /** Seeds the weight initialisation; without it the weights are drawn at random. */
  readonly seed?: number | undefined;
}

export type ResolvedAlexNetOptions = Required<Omit<AlexNetOptions, 'inputSize' | 'seed'>> &
  Pick<AlexNetOptions, 'inputSize' | 'seed'>;

/** The smallest square input each variant's layers accept: below it a pooling output is empty. */
export const ALEXNET_MIN_INPUT_SIZE: Readonly<Record<AlexNetVariant, number>> = { torchvision: 63, paper: 67 };

export function resolveAlexNetOptions(options: AlexNetOptions = {}): ResolvedAlexNetOptions {
  const { numClasses = 1000, variant = 'torchvision', widthDivisor = 1, dropout = 0.5, inputSize, seed } = options;
  checkModelOption('numClasses', numClasses, positiveInteger);
  if (variant !== 'torchvision' && variant !== 'paper')
    throw new ModelOptionError('variant', "'torchvision' or 'paper'", variant);
  checkModelOption('widthDivisor', widthDivisor, positiveInteger);
  checkModelOption('dropout', dropout, numberRule({ min: 0, below: 1 }));
  const minimum = ALEXNET_MIN_INPUT_SIZE[variant];
  if (inputSize !== undefined && !integerRule({ min: minimum }).test(inputSize)) {
    throw new ModelOptionError('inputSize', `an integer ≥ ${minimum} for the ${variant} variant`, inputSize);
  }
  if (seed !== undefined) checkModelOption('seed', seed, integerRule());
  return { numClasses, variant, widthDivisor, dropout, inputSize, seed };
}
