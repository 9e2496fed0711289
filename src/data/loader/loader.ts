import { concat, defer, empty, from, type AsyncIterableX } from 'ix/asynciterable';
import { finalize, map } from 'ix/asynciterable/operators';
import { isObservable, lastValueFrom, toArray, type Observable } from 'rxjs';
import sharp from 'sharp';
import type { Batch, BatchLoader } from '../batch-types.js';
import type { Entry } from '../sample-types.js';
import type { Listing } from '../sources/listing.js';
import { BatchPump, pumpWindow, type PendingBatch } from './batch-pump.js';
import { epochOrder } from './epoch-order.js';
import { NoBatchError, WorkerTransformError } from './errors.js';
import { InProcessRunner } from './in-process-runner.js';
import { timedRunner } from './timed-runner.js';
import { resolveLoaderOptions, type LoaderOptions, type ResolvedLoaderOptions } from './options.js';
import type { SampleTransform } from './run-sample.js';
import { threadPlan } from './thread-plan.js';
import type { SampleRunner } from './sample-runner.js';
import { checkRecipe, recipeOf, type WorkerRecipe } from './worker-transform.js';
import { samplePool, TASKS_PER_WORKER } from './workers/worker-pool.js';
import { WorkerRunner } from './workers/worker-runner.js';

/** Where a loader's entries come from: a cold observable (re-subscribed each epoch) or a listing function (called each epoch). */
export type LoaderSource = Observable<Entry> | (() => Promise<Listing>);

/** A `BatchLoader` whose epochs are IxJS async iterables, so ix operators (`take`, `tap`, `map`, `buffer`, …) compose on batches. */
export interface ComposableLoader extends BatchLoader {
  epoch(epoch: number): AsyncIterableX<Batch>;
}

/** Entries a worker is handed at once, at most. */
const CHUNK = 8;

let recipes = 0;

/**
 * A pull-based `BatchLoader`: each epoch lists the source again, orders it (seeded per epoch when
 * `shuffle`), runs each sample through `transform` (in `workers` worker threads, or in process with
 * `workers: 0`) with bounded work in flight, and collates batches only when the consumer asks for
 * one. The consumer owns and disposes each batch's tensors; breaking out of `epoch(k)` drops the
 * outstanding work. With `workers > 0`, `transform` must be one the workers can build themselves
 * (`workerTransform`, or a built-in pipeline such as `seedTrainPipeline()`): a closure is a
 * `WorkerTransformError`.
 */
export function loader(source: LoaderSource, transform: SampleTransform, options: LoaderOptions): ComposableLoader {
  const resolved = resolveLoaderOptions(options);
  sharp.concurrency(threadPlan().sharpThreads);
  const { batchSize, dropLast } = resolved;
  const recipe = resolved.workers > 0 ? workerRecipeOf(transform) : undefined;
  const recipeId = ++recipes;
  const list = (): Promise<Listing> =>
    isObservable(source)
      ? lastValueFrom(source.pipe(toArray())).then((entries) => ({ entries, classes: resolved.classes ?? labelNames(entries) }))
      : source();
  let firstListing: Promise<Listing> | undefined;
  const listOnce = (): Promise<Listing> => (firstListing ??= list());
  const runnerFor = (epoch: number): SampleRunner<unknown> =>
    timedRunner<unknown>(
      recipe
        ? new WorkerRunner(samplePool(resolved.workers), { recipeId, recipe, epoch, ...resolved, ...chunking(resolved) })
        : new InProcessRunner(transform, { epoch, ...resolved }),
      resolved.timeout,
    );

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
        const runner = runnerFor(epoch);
        const pump = new BatchPump(ordered, runner, { ...resolved, concurrency: recipe ? resolved.workers * TASKS_PER_WORKER * CHUNK : resolved.concurrency });
        let batches = 0;
        const toBatch = (pending: PendingBatch<unknown>): Batch => {
          const { x, y } = runner.collate(pending.samples);
          batches += 1;
          pump.resume();
          return { x, y, paths: pending.samples.map((s) => (s as Entry).path), skipped: pending.skipped };
        };
        // An epoch of files that formed no batch fails, naming what was skipped, rather than ending empty.
        const formedNone = defer(async () => {
          if (batches === 0 && entries.length > 0) throw new NoBatchError(epoch, entries.length, pump.unbatched, resolved.batchSize, resolved.dropLast);
          return empty();
        });
        return concat(from(pump).pipe(map(toBatch)), formedNone).pipe(finalize(() => pump.close()));
      });
    },
  };
}

function workerRecipeOf(transform: SampleTransform): WorkerRecipe {
  const recipe = recipeOf(transform);
  if (!recipe) throw new WorkerTransformError('the transform is a function defined in this thread (a closure), which worker threads cannot run');
  checkRecipe(recipe);
  return recipe;
}

/** Chunks of up to `CHUNK` entries, each worker's share of `concurrency` split among the chunks it runs at once. */
const chunking = (options: ResolvedLoaderOptions) => ({
  chunkSize: CHUNK,
  chunkConcurrency: Math.max(1, Math.ceil(options.concurrency / options.workers / TASKS_PER_WORKER)),
  window: pumpWindow(options),
});

const labelNames = (entries: readonly Entry[]): string[] =>
  Array.from({ length: entries.reduce((max, e) => Math.max(max, e.label + 1), 0) }, (_, label) => String(label));
