import type { Mixer } from './mixer.js';

/**
 * One of two mixers per batch: `second` with probability `secondProbability`, else `first`
 * (torchvision's `RandomChoice([CutMix, MixUp])` is `mixOrCut(mixup(), cutmix(), 0.5)`).
 */
export function mixOrCut(first: Mixer, second: Mixer, secondProbability = 0.5): Mixer {
  if (!(secondProbability >= 0 && secondProbability <= 1))
    throw new RangeError(`mixOrCut: secondProbability must be in [0, 1], got ${secondProbability}`);
  return {
    name: `${first.name}|${second.name}`,
    mix: (batch, numClasses, random) =>
      (random.next() < secondProbability ? second : first).mix(batch, numClasses, random),
  };
}
