import { Observable, type OperatorFunction } from 'rxjs';
import type { Batch } from '../batch-types.js';
import { collate, type TransformedSample } from './collate.js';
import { epochOrder } from './epoch-order.js';
import { LoaderOptionError } from './errors.js';

export interface BatchOperatorOptions {
  /** Emit the epoch's samples in a seeded order (needs the whole epoch first; default false). */
  readonly shuffle?: boolean;
  /** Drop the last batch when it is short (default false). */
  readonly dropLast?: boolean;
  /** Seed of the shuffle (default 0). */
  readonly seed?: number;
  /** Which epoch's order to use when shuffling (default 0). */
  readonly epoch?: number;
}

/**
 * Collates a push stream of transformed samples into batches of `size`, for streams that already
 * fit in memory (the pull-based `loader` is the one for image folders: RxJS cannot slow a producer
 * down). Without `shuffle`, batches follow arrival order and are emitted as they fill; with it,
 * the samples are put in index order, then in the same seeded order `loader` gives epoch `epoch`
 * of `seed`, and emitted when the source completes. Each emitted batch's tensors belong to the
 * subscriber.
 */
export function batch(
  size: number,
  { shuffle = false, dropLast = false, seed = 0, epoch = 0 }: BatchOperatorOptions = {},
): OperatorFunction<TransformedSample, Batch> {
  if (!Number.isInteger(size) || size < 1) throw new LoaderOptionError('size', 'an integer ≥ 1', size);
  const toBatch = (samples: readonly TransformedSample[]): Batch => ({
    ...collate(samples),
    paths: samples.map((s) => s.path),
    skipped: [],
  });
  return (source) =>
    new Observable<Batch>((subscriber) => {
      let samples: TransformedSample[] = [];
      return source.subscribe({
        next: (sample) => {
          samples.push(sample);
          if (shuffle || samples.length < size) return;
          const full = samples;
          samples = [];
          subscriber.next(toBatch(full));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (shuffle) {
            const byIndex = samples.sort((a, b) => a.index - b.index);
            samples = epochOrder(byIndex.length, epoch, { shuffle, seed }).map((i) => byIndex[i]!);
          }
          for (let start = 0; start < samples.length && !subscriber.closed; start += size) {
            const chunk = samples.slice(start, start + size);
            if (chunk.length === size || !dropLast) subscriber.next(toBatch(chunk));
          }
          samples = [];
          subscriber.complete();
        },
      });
    });
}
