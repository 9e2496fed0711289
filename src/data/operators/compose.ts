import type { pipe } from 'rxjs';
import { fuseSteps, type AnyOperator } from './fusion.js';

const PARTS = Symbol('rxtrain.composedOf');
const partsOf = (operator: AnyOperator): readonly AnyOperator[] =>
  (operator as { [PARTS]?: readonly AnyOperator[] })[PARTS] ?? [operator];

/**
 * Names a pipeline of operators (RxJS's `pipe`, typed link by link): `const train = compose(resize(256), centerCrop(256))`.
 * Adjacent built-in crops, flips, `toTensor` and `normalize` run as one pass over the pixels, with
 * the same output (see `fuseSteps`); nested `compose`s are flattened first, so they fuse across.
 */
export const compose = ((...operators: AnyOperator[]) => {
  const parts = operators.flatMap(partsOf);
  const fused = fuseSteps(parts);
  const [only] = fused;
  const composed =
    fused.length === 1 && only !== undefined
      ? only
      : (input: unknown) => fused.reduce((value, operator) => operator(value), input);
  return Object.assign((input: unknown) => composed(input), { [PARTS]: parts });
}) as typeof pipe;
