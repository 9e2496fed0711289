import { loader } from '../data/loader/loader.js';
import { listDataFolder } from '../data/sources/data-folder.js';
import { seedTrainPipeline, seedValidPipeline } from '../data/transforms.js';
import type { Loaders, ResolvedConfig } from './config.js';

/**
 * The seed's data over a Kaggle folder or a torchvision ImageFolder (see `listDataFolder`; its
 * transforms, scaled to `imageSize`, see `seedResizeFor`;
 * resized while decoding, see `seedTrainPipeline`): the names split by CPython's `random.shuffle` with `seed`
 * (first `split` train, the rest valid); train batches of `batchSize` in a new seeded order each
 * epoch, ten-crop valid batches of `validBatchSize`, both in `workers` loader threads. Each sample is decoded alone; a bad file
 * errors its own transform and the loader reports it as skipped.
 */
export async function seedLoaders(folder: string, config: ResolvedConfig): Promise<Loaders> {
  const listing = (mode: 'train' | 'valid') => () => listDataFolder(folder, { mode, split: config.split, seed: config.seed, shuffle: 'python' });
  const { imageSize, workers } = config;
  return {
    train: loader(listing('train'), seedTrainPipeline({ imageSize, concurrency: 1 }), { batchSize: config.batchSize, shuffle: true, seed: config.seed, workers }),
    valid: loader(listing('valid'), seedValidPipeline({ imageSize, concurrency: 1 }), { batchSize: config.validBatchSize, seed: config.seed, workers }),
  };
}
