import { defer, type AsyncIterableX } from 'ix/asynciterable';
import { isObservable, lastValueFrom, toArray, type Observable } from 'rxjs';
import type { Batch, BatchLoader } from '../batch-types.js';
import type { Entry } from '../sample-types.js';
import type { Listing } from '../sources/listing.js';
import { epochBatches } from './epoch-batches.js';
import { epochOrder } from './epoch-order.js';
import { resolveLoaderOptions, type LoaderOptions } from './options.js';
import type { SampleTransform } from './run-sample.js';
import { sampleWork } from './sample-work.js';

/** Where a loader's entries come from: a cold observable (re-subscribed each epoch) or a listing function (called each epoch). */
export type LoaderSource = Observable<Entry> | (() => Promise<Listing>);

/** A `BatchLoader` whose epochs are IxJS async iterables, so ix operators (`take`, `tap`, `map`, `buffer`, …) compose on batches. */
export interface ComposableLoader extends BatchLoader {
  epoch(epoch: number): AsyncIterableX<Batch>;
}

/**
 * A pull-based `BatchLoader`: each epoch lists the source again, orders it (seeded per epoch when
 * `shuffle`), runs each sample through `transform` (in `workers` worker threads, or in process with
 * `workers: 0`) with bounded work in flight, and collates batches only when the consumer asks for
 * one. The consumer owns and disposes each batch's tensors; breaking out of `epoch(k)` drops the
 * outstanding work. With `workers > 0`, `transform` must be one the workers can build themselves
 * (`workerTransform`, or a built-in pipeline such as `classificationTrainPipeline()`): a closure is a
 * `WorkerTransformError`.
 */
export function loader(source: LoaderSource, transform: SampleTransform, options: LoaderOptions): ComposableLoader {
  const resolved = resolveLoaderOptions(options);
  const { batchSize, dropLast } = resolved;
  const work = sampleWork(transform, resolved);
  const list = (): Promise<Listing> =>
    isObservable(source)
      ? lastValueFrom(source.pipe(toArray())).then((entries) => ({
          entries,
          classes: resolved.classes ?? labelNames(entries),
        }))
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
    epoch(epoch: number): AsyncIterableX<Batch> {
      return defer(async () => {
        const { entries } = await list();
        const ordered = epochOrder(entries.length, epoch, resolved).map((i) => entries[i]!);
        return epochBatches(ordered, epoch, work);
      });
    },
  };
}

const labelNames = (entries: readonly Entry[]): string[] =>
  Array.from({ length: entries.reduce((max, e) => Math.max(max, e.label + 1), 0) }, (_, label) => String(label));
