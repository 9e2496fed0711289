import { decodeImage } from '../data/decode/decode-image.js';
import { loader } from '../data/loader/loader.js';
import type { SampleTransform } from '../data/loader/run-sample.js';
import { compose } from '../data/operators/index.js';
import { listKaggleFolder } from '../data/sources/kaggle-folder.js';
import { seedTrainTransform, seedValidTransform } from '../data/transforms.js';
import type { Loaders, ResolvedConfig } from './config.js';

// Each sample is decoded alone; a bad file errors its own transform and the loader reports it as skipped.
const decode = () => decodeImage({ onBadImage: 'fail', concurrency: 1 });

const trainTransform = (imageSize: number): SampleTransform => compose(decode(), seedTrainTransform({ imageSize }));
const validTransform = (imageSize: number): SampleTransform => compose(decode(), seedValidTransform({ imageSize }));

/**
 * The seed's data over a Kaggle folder (its transforms, scaled to `imageSize`, see `seedResizeFor`): the names split by CPython's `random.shuffle` with `seed`
 * (first `split` train, the rest valid); train batches of `batchSize` in a new seeded order each
 * epoch, ten-crop valid batches of `validBatchSize`.
 */
export async function seedLoaders(folder: string, config: ResolvedConfig): Promise<Loaders> {
  const listing = (mode: 'train' | 'valid') => () => listKaggleFolder(folder, { mode, split: config.split, seed: config.seed, shuffle: 'python' });
  return {
    train: loader(listing('train'), trainTransform(config.imageSize), { batchSize: config.batchSize, shuffle: true, seed: config.seed }),
    valid: loader(listing('valid'), validTransform(config.imageSize), { batchSize: config.validBatchSize, seed: config.seed }),
  };
}
