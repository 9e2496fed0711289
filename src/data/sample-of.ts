import { map, type OperatorFunction } from 'rxjs';
import type { Entry, Random } from './sample-types.js';
import { seededRandom } from './random.js';

/** An entry with its own random generator, ready to be decoded into a `Sample`. */
export interface SeededEntry extends Entry {
  readonly random: Random;
}

/** The entry with the generator of (seed, epoch, entry.index): its augmentation is fixed by these three numbers. */
export function sampleOf(entry: Entry, seed: number, epoch = 0): SeededEntry {
  return { path: entry.path, label: entry.label, index: entry.index, random: seededRandom(seed, epoch, entry.index) };
}

/** Gives each entry its generator for `seed` and `epoch` (`sampleOf` as an operator). */
export function toSamples(options: {
  readonly seed: number;
  readonly epoch?: number;
}): OperatorFunction<Entry, SeededEntry> {
  return map((entry) => sampleOf(entry, options.seed, options.epoch ?? 0));
}
