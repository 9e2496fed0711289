import type { Batch, BatchLoader, Skipped } from '../batch-types.js';
import { collate, type TransformedSample } from '../loader/collate.js';
import { NoBatchError } from '../loader/errors.js';
import { runSample, type RunningSample, type SampleTransform } from '../loader/run-sample.js';
import { seededRandom } from '../random.js';
import { ShardError } from './errors.js';
import type { ShardSample } from './shard-sample.js';
import type { WebDataset } from './web-dataset.js';

export interface ShardLoaderOptions {
  readonly batchSize: number;
  /** Drop the epoch's last batch when it is short (default false). */
  readonly dropLast?: boolean;
  /** Seed of every sample's random generator, `(seed, epoch, index)` as the folder loader's (default 0). */
  readonly seed?: number;
  /** Samples in the transform at once (default 5); with the shuffle buffer and one batch, all a loader holds. */
  readonly concurrency?: number;
  /** A member that fails to decode is skipped and reported in the next batch (default), or fails the epoch. */
  readonly onBadImage?: 'skip' | 'fail';
  /** Class names when the shards have no index (default: the labels as text, from the first batch). */
  readonly classes?: readonly string[];
  /** Told, as it changes, how many samples are in the transform or waiting to be batched. */
  readonly monitor?: (stats: { readonly inFlight: number; readonly held: number }) => void;
}

/**
 * A `BatchLoader` over a `webDataset`: each epoch streams the dataset's samples (in its seeded
 * order), runs each through `transform` on this thread (decoding in libuv's pool) with at most
 * `concurrency` at once, in order, and collates a batch when the consumer asks for it. Skipped members
 * and shards are reported in the next batch. Nothing is read ahead of the consumer beyond the
 * samples in the transform, two batches' samples and the dataset's shuffle buffer.
 */
export function shardLoader(dataset: WebDataset, transform: SampleTransform, options: ShardLoaderOptions): BatchLoader {
  const { batchSize, dropLast = false, seed = 0, concurrency = 5, onBadImage = 'skip' } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ShardError('batchSize', `expected an integer ≥ 1, got ${batchSize}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ShardError('concurrency', `expected an integer ≥ 1, got ${concurrency}`);
  const scratch = {};
  return {
    async batchesPerEpoch() {
      const count = await dataset.count();
      if (count === undefined) throw new ShardError(String(await dataset.shards()), 'expected a shard set with index.json to count the batches of an epoch');
      return dropLast ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
    },
    async classes() {
      const classes = options.classes ?? (await dataset.classes());
      if (classes === undefined) throw new ShardError('classes', 'expected the class names, from index.json or the loader option classes');
      return classes;
    },
    epoch(epoch: number): AsyncIterable<Batch> {
      return { [Symbol.asyncIterator]: () => epochBatches(dataset, transform, { ...options, batchSize, dropLast, seed, concurrency, onBadImage }, epoch, scratch) };
    },
  };
}

type Resolved = Required<Omit<ShardLoaderOptions, 'classes' | 'monitor'>> & Pick<ShardLoaderOptions, 'monitor'>;

async function* epochBatches(dataset: WebDataset, transform: SampleTransform, options: Resolved, epoch: number, scratch: object): AsyncGenerator<Batch> {
  const { batchSize, dropLast, seed, concurrency, onBadImage, monitor } = options;
  const running: Array<RunningSample | { readonly skipped: Skipped }> = [];
  // As the folder loader's pump: a full batch waits until the next one has begun (all of it, with
  // dropLast), so what is skipped after it goes with the next batch, or with it when it is the last.
  const lookahead = dropLast ? batchSize : 1;
  let filling: Pending = { samples: [], skipped: [] };
  let complete: Pending | undefined;
  let batches = 0;
  let seen = 0;
  const start = (sample: ShardSample): RunningSample =>
    runSample({ path: sample.path, label: sample.label, index: sample.index, bytes: sample.bytes, image: undefined, random: seededRandom(seed, epoch, sample.index) } as never, transform, onBadImage);
  const report = () => monitor?.({ inFlight: running.length, held: filling.samples.length + (complete?.samples.length ?? 0) });
  const toBatch = ({ samples, skipped }: Pending): Batch => {
    const { x, y } = collate(samples, scratch);
    batches += 1;
    return { x, y, paths: samples.map((s) => s.path), skipped };
  };
  const take = async (): Promise<Batch | undefined> => {
    const next = running.shift()!;
    const outcome = 'skipped' in next ? next : await next.outcome;
    if ('skipped' in outcome) filling.skipped.push(outcome.skipped);
    else filling.samples.push(outcome.sample);
    let released: Pending | undefined;
    if (complete && filling.samples.length >= lookahead) [released, complete] = [complete, undefined];
    if (filling.samples.length === batchSize) [complete, filling] = [filling, { samples: [], skipped: [] }];
    report();
    return released && toBatch(released);
  };
  try {
    for await (const item of dataset.samples(epoch)) {
      seen += 1;
      running.push('skipped' in item ? item : start(item.sample));
      report();
      while (running.length >= concurrency) {
        const batch = await take();
        if (batch) yield batch;
      }
    }
    while (running.length > 0) {
      const batch = await take();
      if (batch) yield batch;
    }
    const keepsPartial = !dropLast && filling.samples.length > 0;
    if (complete && !keepsPartial) complete.skipped.push(...filling.skipped);
    if (complete) yield toBatch(complete);
    if (keepsPartial) yield toBatch(filling);
    if (batches === 0 && seen > 0) throw new NoBatchError(epoch, seen, filling.skipped, batchSize, dropLast);
  } finally {
    for (const item of running) if (!('skipped' in item)) item.cancel();
  }
}

interface Pending {
  readonly samples: TransformedSample[];
  readonly skipped: Skipped[];
}
