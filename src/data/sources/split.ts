import { seededRandom } from '../random.js';
import { TransformError } from '../errors.js';
import { PythonRandom } from './python-random.js';

/** Which part of a split a source lists. */
export type SplitMode = 'train' | 'valid' | 'all';

/**
 * How the listing is shuffled before splitting: `'python'` is CPython's `random.seed(seed);
 * random.shuffle(names)` (the PyTorch course's split); `'seeded'` is a Fisher-Yates shuffle on this
 * library's own seeded generator; `'none'` keeps the sorted order.
 */
export type ShuffleKind = 'python' | 'seeded' | 'none';

export interface SplitOptions {
  readonly mode?: SplitMode;
  /** Fraction of the shuffled listing that is `train`; the rest is `valid`. */
  readonly split?: number;
  readonly seed?: number;
  readonly shuffle?: ShuffleKind;
}

/** Shuffles a sorted listing as `shuffle` says and keeps the part `mode` names (first `floor(n * split)` = train). */
export function splitListing<T>(sorted: readonly T[], options: SplitOptions, defaults: Required<SplitOptions>): T[] {
  const { mode, split, seed, shuffle } = { ...defaults, ...dropUndefined(options) };
  if (!(split >= 0 && split <= 1)) throw new TransformError('split', 'a fraction in [0, 1]', split);
  if (!Number.isInteger(seed)) throw new TransformError('seed', 'an integer', seed);
  const items = [...sorted];
  if (shuffle === 'python') new PythonRandom(seed).shuffle(items);
  else if (shuffle === 'seeded') fisherYates(items, seed);
  if (mode === 'all') return items;
  const k = Math.floor(items.length * split);
  return mode === 'train' ? items.slice(0, k) : items.slice(k);
}

function fisherYates<T>(items: T[], seed: number): void {
  const random = seededRandom(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

function dropUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
