import type { OperatorFunction } from 'rxjs';
import type { FloatImage, RawImage, Sample } from './sample-types.js';
import { centerCrop, compose, normalize, randomCrop, randomHorizontalFlip, resize, tenCrop, toTensor } from './operators/index.js';

export interface SeedTransformOptions {
  /** Side of the crops the model sees; default 224, the seed's. */
  readonly imageSize?: number;
}

/** The seed resizes to 256 for 224 crops; other crop sizes keep that ratio (64 → 73), so a crop covers the same part of the image. */
export const seedResizeFor = (imageSize: number): number => Math.round((imageSize * 256) / 224);

/** The seed's `train_transform`: Resize(256), CenterCrop(256), RandomCrop(224), RandomHorizontalFlip(0.5), ToTensor, Normalize. */
export function seedTrainTransform(options: SeedTransformOptions = {}): OperatorFunction<Sample<RawImage>, Sample<FloatImage>> {
  const { imageSize = 224 } = options;
  const side = seedResizeFor(imageSize);
  return compose(resize(side), centerCrop(side), randomCrop(imageSize), randomHorizontalFlip(0.5), toTensor<RawImage>(), normalize<FloatImage>());
}

/** The seed's `valid_transform`: Resize((256, 256)), TenCrop(224), ToTensor and Normalize on each crop. */
export function seedValidTransform(options: SeedTransformOptions = {}): OperatorFunction<Sample<RawImage>, Sample<FloatImage[]>> {
  const { imageSize = 224 } = options;
  const side = seedResizeFor(imageSize);
  return compose(resize([side, side]), tenCrop(imageSize), toTensor<RawImage[]>(), normalize<FloatImage[]>());
}
