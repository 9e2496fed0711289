import { checkModelOption } from '../errors.js';
import { integerRule, positiveInteger } from '../../util/index.js';

/** Options every torchvision family's factory takes. */
export interface TorchvisionModelOptions {
  /** Output classes (the head's width). Default 1000. */
  readonly numClasses?: number;
  /** Divides every layer's width (a positive integer); 1 gives torchvision's model. */
  readonly widthDivisor?: number;
  /** Fixes the input to `inputSize × inputSize`; default: any size. */
  readonly inputSize?: number | undefined;
  /** Seeds the weight initialisation; without it the weights are drawn at random. */
  readonly seed?: number | undefined;
  /** `false` starts every weight at 0, quickly, for a model whose weights are loaded next. Default true. */
  readonly initialize?: boolean | undefined;
}

export type ResolvedTorchvisionOptions = Required<Pick<TorchvisionModelOptions, 'numClasses' | 'widthDivisor'>> &
  Pick<TorchvisionModelOptions, 'inputSize' | 'seed' | 'initialize'>;

export function resolveTorchvisionOptions(options: TorchvisionModelOptions = {}): ResolvedTorchvisionOptions {
  const { numClasses = 1000, widthDivisor = 1, inputSize, seed, initialize = true } = options;
  checkModelOption('numClasses', numClasses, positiveInteger);
  checkModelOption('widthDivisor', widthDivisor, positiveInteger);
  if (inputSize !== undefined) checkModelOption('inputSize', inputSize, integerRule({ min: 32 }));
  if (seed !== undefined) checkModelOption('seed', seed, integerRule());
  return { numClasses, widthDivisor, inputSize, seed, initialize };
}

/** A width divided by `divisor`, at least 1. */
export const narrowed = (width: number, divisor: number): number => Math.max(1, Math.floor(width / divisor));
