import {
  epochBatches,
  resolveLoaderOptions,
  sampleWork,
  type ComposableLoader,
  type LoaderOptions,
  type PumpItem,
  type SampleTransform,
} from '../loader/index.js';
import { ShardError } from './errors.js';
import type { ShardItem } from './shard-sample.js';
import type { WebDataset } from './web-dataset.js';

/**
 * The folder loader's options but `shuffle` (the dataset shuffles: its shard order, then its
 * buffer). `seed` seeds every sample's random generator, `(seed, epoch, index)` as the folder
 * loader's; `classes` names the labels when the shards have no index.
 */
export type ShardLoaderOptions = Omit<LoaderOptions, 'shuffle'>;

/**
 * A `BatchLoader` over a `webDataset`: each epoch streams the dataset's samples (in its seeded
 * order) and hands each member's encoded bytes to the folder loader's machinery: `workers` threads
 * decode and transform them into batch memory shared with this thread (or this thread does, with
 * `workers: 0`), in order, and a batch is collated when the consumer asks for it. Skipped members
 * and shards are reported in the next batch. Nothing is read ahead of the consumer beyond the
 * loader's window (`(prefetch + 1) × batchSize` samples, read, in the transform or waiting) and
 * the dataset's shuffle buffer.
 */
export function shardLoader(
  dataset: WebDataset,
  transform: SampleTransform,
  options: ShardLoaderOptions,
): ComposableLoader {
  const work = sampleWork(transform, resolveLoaderOptions({ ...options, shuffle: false }));
  const { batchSize, dropLast } = work.options;
  return {
    async batchesPerEpoch() {
      const count = await dataset.count();
      if (count === undefined)
        throw new ShardError(
          String(await dataset.shards()),
          'expected a shard set with index.json to count the batches of an epoch',
        );
      return dropLast ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
    },
    async classes() {
      const classes = options.classes ?? (await dataset.classes());
      if (classes === undefined)
        throw new ShardError('classes', 'expected the class names, from index.json or the loader option classes');
      return classes;
    },
    epoch: (epoch) => epochBatches(pumpItems(dataset.samples(epoch)), epoch, work),
  };
}

async function* pumpItems(items: AsyncIterable<ShardItem>): AsyncGenerator<PumpItem> {
  for await (const item of items) yield 'sample' in item ? item.sample : item;
}
