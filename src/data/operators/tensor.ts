import type { OperatorFunction } from 'rxjs';
import type { FloatImage, RawImage, Sample } from '../sample-types.js';
import * as F from '../functional/index.js';
import type { Mapped, OneOrMany, Triple } from '../functional/index.js';
import { fusableOperator } from './fusion.js';

/** torchvision's `ToTensor()`, to a float32 HWC image (or array of crops); tensors are made when batching. */
export const toTensor = <T extends OneOrMany<RawImage>>(): OperatorFunction<Sample<T>, Sample<Mapped<T, FloatImage>>> =>
  fusableOperator({ kind: 'toTensor', apply: (image: T) => F.toTensor(image) });

/** torchvision's `Normalize(mean, std)`. */
export function normalize<T extends OneOrMany<FloatImage>>(
  mean: Triple = F.IMAGENET_MEAN,
  std: Triple = F.IMAGENET_STD,
): OperatorFunction<Sample<T>, Sample<Mapped<T, FloatImage>>> {
  const map = F.normalizer(mean, std);
  return fusableOperator({ kind: 'value', map, apply: (image: T) => F.normalize(image, mean, std) });
}
