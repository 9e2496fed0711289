import { ModelOptionError } from './errors.js';

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

const isPositiveInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

export function resolveAlexNetOptions(options: AlexNetOptions = {}): ResolvedAlexNetOptions {
  const { numClasses = 1000, variant = 'torchvision', widthDivisor = 1, dropout = 0.5, inputSize, seed } = options;
  if (!isPositiveInteger(numClasses)) throw new ModelOptionError('numClasses', 'a positive integer', numClasses);
  if (variant !== 'torchvision' && variant !== 'paper') throw new ModelOptionError('variant', "'torchvision' or 'paper'", variant);
  if (!isPositiveInteger(widthDivisor)) throw new ModelOptionError('widthDivisor', 'a positive integer', widthDivisor);
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) throw new ModelOptionError('dropout', 'a number in [0, 1)', dropout);
  const minimum = ALEXNET_MIN_INPUT_SIZE[variant];
  if (inputSize !== undefined && !(isPositiveInteger(inputSize) && inputSize >= minimum)) {
    throw new ModelOptionError('inputSize', `an integer ≥ ${minimum} for the ${variant} variant`, inputSize);
  }
  if (seed !== undefined && !Number.isInteger(seed)) throw new ModelOptionError('seed', 'an integer', seed);
  return { numClasses, variant, widthDivisor, dropout, inputSize, seed };
}
