import type { Loaders, ResolvedConfig } from './config.js';
import { ConfigError } from './errors.js';

/**
 * The seed's data pipeline over a Kaggle folder: train = Resize(256) → CenterCrop(256) →
 * RandomCrop(imageSize) → flip → normalise, batches of `batchSize`, shuffled per epoch; valid =
 * Resize((256, 256)) → TenCrop(imageSize) → normalise, batches of `validBatchSize`; split by
 * `kaggleFolder(data, { shuffle: 'python', seed })`.
 */
export async function seedLoaders(folder: string, _config: ResolvedConfig): Promise<Loaders> {
  throw new ConfigError('data', `{ train, valid } loaders: this build cannot read the image folder ${folder} yet`);
}
