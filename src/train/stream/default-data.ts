import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  loader,
  isRemoteUrl,
  SHARD_INDEX_NAME,
  shardLoader,
  webDataset,
  listDataFolder,
  classificationTrainPipeline,
  classificationValidPipeline,
} from '../../data/index.js';
import type { Loaders, ResolvedConfig } from './config.js';

/**
 * The seed's data over a Kaggle folder or a torchvision ImageFolder (see `listDataFolder`; its
 * transforms, scaled to `imageSize`, see `resizeSideFor`;
 * resized while decoding, see `classificationTrainPipeline`): the names split by CPython's `random.shuffle` with `seed`
 * (first `split` train, the rest valid); train batches of `batchSize` in a new seeded order each
 * epoch, ten-crop valid batches of `validBatchSize`, both in `workers` loader threads. Each sample is decoded alone; a bad file
 * errors its own transform and the loader reports it as skipped. A shard set (see `isShardData`)
 * gives the same transforms over its `train` and `valid` shards (see `shardClassificationLoaders`).
 */
export async function classificationLoaders(folder: string, config: ResolvedConfig): Promise<Loaders> {
  if (isShardData(folder)) return shardClassificationLoaders(folder, config);
  const listing = (mode: 'train' | 'valid') => () =>
    listDataFolder(folder, { mode, split: config.split, seed: config.seed, shuffle: 'python' });
  const { imageSize } = config;
  const workers = workersOf(config);
  return {
    train: loader(listing('train'), classificationTrainPipeline({ imageSize, concurrency: 1 }), {
      batchSize: config.batchSize,
      shuffle: true,
      seed: config.seed,
      ...workers,
    }),
    valid: loader(listing('valid'), classificationValidPipeline({ imageSize, concurrency: 1 }), {
      batchSize: config.validBatchSize,
      seed: config.seed,
      ...workers,
    }),
  };
}

/** The run's `workers` as a loader option, absent when the run leaves it to the loader. */
const workersOf = ({ workers }: ResolvedConfig): { workers?: number } => (workers === undefined ? {} : { workers });

/** Shards rather than a folder of images: an http(s) or s3 URL, or a folder holding a shard index. */
export const isShardData = (data: string): boolean => isRemoteUrl(data) || existsSync(join(data, SHARD_INDEX_NAME));

/**
 * The seed's transforms over a shard set written by `writeShards` (its split was made when it was
 * written): training shards in a seeded shard order and a 1000-sample shuffle buffer, split across
 * torchrun's `RANK`/`WORLD_SIZE` when set; validation shards in order; both decoded in `workers` loader threads.
 */
export function shardClassificationLoaders(location: string, config: ResolvedConfig): Loaders {
  const { imageSize, seed } = config;
  const workers = workersOf(config);
  return {
    train: shardLoader(
      webDataset(location, { split: 'train', shuffle: true, seed }),
      classificationTrainPipeline({ imageSize, concurrency: 1 }),
      { batchSize: config.batchSize, seed, ...workers },
    ),
    valid: shardLoader(
      webDataset(location, { split: 'valid' }),
      classificationValidPipeline({ imageSize, concurrency: 1 }),
      { batchSize: config.validBatchSize, seed, ...workers },
    ),
  };
}
