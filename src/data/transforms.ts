import type { OperatorFunction } from 'rxjs';
import type { FloatImage, RawImage, Sample } from './sample-types.js';
import { centerCrop, compose, normalize, randomCrop, randomHorizontalFlip, resize, tenCrop, toTensor } from './operators/index.js';

/** The seed's `train_transform`: Resize(256), CenterCrop(256), RandomCrop(224), RandomHorizontalFlip(0.5), ToTensor, Normalize. */
export const seedTrainTransform = (): OperatorFunction<Sample<RawImage>, Sample<FloatImage>> =>
  compose(resize(256), centerCrop(256), randomCrop(224), randomHorizontalFlip(0.5), toTensor<RawImage>(), normalize<FloatImage>());

/** The seed's `valid_transform`: Resize((256, 256)), TenCrop(224), ToTensor and Normalize on each crop. */
export const seedValidTransform = (): OperatorFunction<Sample<RawImage>, Sample<FloatImage[]>> =>
  compose(resize([256, 256]), tenCrop(224), toTensor<RawImage[]>(), normalize<FloatImage[]>());
