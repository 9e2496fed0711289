import { isObservable, lastValueFrom, toArray, type Observable } from 'rxjs';
import type { Batch, BatchLoader } from '../batch-types.js';
import { seededRandom } from '../random.js';
import type { Entry } from '../sample-types.js';
import type { Listing } from '../sources/listing.js';
import { BatchPump } from './batch-pump.js';
import { collate } from './collate.js';
import { epochOrder } from './epoch-order.js';
import { resolveLoaderOptions, type LoaderOptions } from './options.js';
import type { SampleTransform } from './run-sample.js';

/** Where a loader's entries come from: a cold observable (re-subscribed each epoch) or a listing function (called each epoch). */
export type LoaderSource = Observable<Entry> | (() => Promise<Listing>);

/**
 * A pull-based `BatchLoader`: each epoch lists the source again, orders it (seeded per epoch when
 * `shuffle`), runs each sample alone through `transform` with at most `concurrency` in flight, and
 * collates batches only when the consumer asks for one. The consumer owns and disposes each batch's
 * tensors; breaking out of `epoch(k)` unsubscribes every sample still in the transform.
 */
export function loader(source: LoaderSource, transform: SampleTransform, options: LoaderOptions): BatchLoader {
  const resolved = resolveLoaderOptions(options);
  const { batchSize, dropLast, seed } = resolved;
  const list = (): Promise<Listing> =>
    isObservable(source)
      ? lastValueFrom(source.pipe(toArray())).then((entries) => ({ entries, classes: resolved.classes ?? labelNames(entries) }))
      : source();
  let firstListing: Promise<Listing> | undefined;
  const listOnce = (): Promise<Listing> => (firstListing ??= list());

  return {
    async batchesPerEpoch() {
      const { length } = (await listOnce()).entries;
      return dropLast ? Math.floor(length / batchSize) : Math.ceil(length / batchSize);
    },
    async classes() {
      return (await listOnce()).classes;
    },
    async *epoch(epoch: number): AsyncGenerator<Batch> {
      const { entries } = await list();
      const ordered = epochOrder(entries.length, epoch, resolved).map((i) => entries[i]);
      const sampleOf = (entry: Entry) => ({ ...entry, image: undefined, random: seededRandom(seed, epoch, entry.index) });
      const pump = new BatchPump(ordered, sampleOf, transform, resolved);
      const scratch = {};
      try {
        for (let pending = await pump.next(); pending; pending = await pump.next()) {
          const { x, y } = collate(pending.samples, scratch);
          yield { x, y, paths: pending.samples.map((s) => s.path), skipped: pending.skipped };
        }
      } finally {
        pump.close();
      }
    },
  };
}

const labelNames = (entries: readonly Entry[]): string[] =>
  Array.from({ length: entries.reduce((max, e) => Math.max(max, e.label + 1), 0) }, (_, label) => String(label));
