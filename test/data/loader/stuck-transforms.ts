// Transforms that never finish for some files, for the loader's timeout; workers import them too.
import { interval, map, mergeMap, of } from 'rxjs';
import type { SampleTransform } from '../../../src/data/loader/index.js';

export interface StuckOptions {
  /** Paths whose transform waits on a promise that never settles. */
  readonly pendingOn?: readonly string[];
  /** Paths whose transform emits for ever without completing. */
  readonly endlessOn?: readonly string[];
  /** Paths whose transform spins the thread for `spinMs`. */
  readonly spinOn?: readonly string[];
  readonly spinMs?: number;
}

const image = (index: number) => ({ data: new Float32Array(12).fill(index), width: 2, height: 2 });

export function stuckTransform({
  pendingOn = [],
  endlessOn = [],
  spinOn = [],
  spinMs = 0,
}: StuckOptions = {}): SampleTransform {
  return mergeMap((sample) => {
    if (pendingOn.includes(sample.path)) return new Promise<never>(() => undefined);
    if (endlessOn.includes(sample.path))
      return interval(5).pipe(map(() => ({ ...sample, image: image(sample.index) })));
    if (spinOn.includes(sample.path)) for (const end = Date.now() + spinMs; Date.now() < end;);
    return of({ ...sample, image: image(sample.index) });
  });
}

/** Every value NaN for `paths`, else as `stuckTransform()`. */
export function nanOn(paths: readonly string[]): SampleTransform {
  return map((sample) => ({
    ...sample,
    image: paths.includes(sample.path)
      ? { data: new Float32Array(12).fill(Number.NaN), width: 2, height: 2 }
      : image(sample.index),
  }));
}

/** Not an operator factory: returns a plain object. */
export function notAnOperator(): unknown {
  return { not: 'an operator' };
}
