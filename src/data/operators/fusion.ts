import type { OperatorFunction, UnaryFunction } from 'rxjs';
import type { Random } from '../sample-types.js';
import * as F from '../functional/index.js';
import { mapImage } from './map-image.js';
import { finalImageMemory } from './output-memory.js';

/**
 * What a built-in operator does to one image, in a form `compose` can fuse: a crop or flip also as
 * a change of `PixelWindow` (drawing the same random numbers), `toTensor`, or a float32 function of
 * each value after it (`normalize`).
 */
export type FusableStep = { readonly apply: (image: any, random: Random) => unknown } & (
  | { readonly kind: 'geometry'; readonly plan: (window: F.PixelWindow, random: Random) => F.PixelWindow }
  | { readonly kind: 'toTensor' }
  | { readonly kind: 'value'; readonly map: F.ValueMap }
);

const STEP = Symbol('rxtrain.fusableStep');

export type AnyOperator = UnaryFunction<any, any>;

/** The operator of `step.apply`, marked so that `compose` can fuse it with its neighbours. */
export function fusableOperator<A, B>(step: FusableStep): OperatorFunction<A, B> {
  return Object.assign(mapImage(step.apply), { [STEP]: step }) as unknown as OperatorFunction<A, B>;
}

const stepOf = (operator: AnyOperator): FusableStep | undefined => (operator as { [STEP]?: FusableStep })[STEP];
const kindAt = (operators: readonly AnyOperator[], i: number) =>
  i < operators.length ? stepOf(operators[i]!)?.kind : undefined;

/**
 * Replaces each run of crops and flips followed by `toTensor` and any `normalize`s with one
 * operator that writes the final float image in a single pass from the image the run receives
 * (no intermediate images). Its output is bit-identical to the run's.
 */
export function fuseSteps(operators: readonly AnyOperator[]): AnyOperator[] {
  const out: AnyOperator[] = [];
  for (let i = 0; i < operators.length;) {
    let end = i;
    while (kindAt(operators, end) === 'geometry') end++;
    if (kindAt(operators, end) !== 'toTensor') {
      out.push(operators[i++]!);
      continue;
    }
    end++;
    while (kindAt(operators, end) === 'value') end++;
    out.push(fusedOperator(operators.slice(i, end).map((operator) => stepOf(operator)!)));
    i = end;
  }
  return out;
}

function fusedOperator(steps: readonly FusableStep[]): AnyOperator {
  const plans = steps.flatMap((step) => (step.kind === 'geometry' ? [step.plan] : []));
  const table = F.valueTable(steps.flatMap((step) => (step.kind === 'value' ? [step.map] : [])));
  const unfused = (image: unknown, random: Random) => steps.reduce((value, step) => step.apply(value, random), image);
  return mapImage((image: unknown, random) => {
    if (Array.isArray(image)) {
      if (plans.length > 0) return unfused(image, random);
      const sizes = image.map((one) => one.width * one.height * 3);
      const memory = finalImageMemory(
        random,
        sizes.reduce((a, b) => a + b, 0),
      );
      let offset = 0;
      return image.map((one, i) =>
        F.windowToTensor(
          one,
          F.wholeWindow(one.width, one.height),
          table,
          memory?.subarray(offset, (offset += sizes[i]!)),
        ),
      );
    }
    const raw = image as { readonly data: Uint8Array; readonly width: number; readonly height: number };
    const window = plans.reduce((w, plan) => plan(w, random), F.wholeWindow(raw.width, raw.height));
    return F.windowToTensor(raw, window, table, finalImageMemory(random, window.width * window.height * 3));
  });
}
