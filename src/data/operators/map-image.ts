import { map, type OperatorFunction } from 'rxjs';
import type { Random, Sample } from '../sample-types.js';

/**
 * The operator form of a pure transform: each sample's image goes through `transform`, which may
 * draw only from the sample's own `random`. Every augmentation operator is one call of this.
 */
export function mapImage<A, B>(transform: (image: A, random: Random) => B): OperatorFunction<Sample<A>, Sample<B>> {
  return map((sample) => ({
    path: sample.path,
    label: sample.label,
    index: sample.index,
    random: sample.random,
    image: transform(sample.image, sample.random),
  }));
}
