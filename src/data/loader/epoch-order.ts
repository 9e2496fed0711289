import { seededRandom } from '../random.js';

/**
 * The positions `0 … length-1` in the order epoch `epoch` visits them: listing order, or a
 * Fisher–Yates shuffle seeded by `(seed, epoch)` alone, so epoch k of seed s is always the same.
 */
export function epochOrder(
  length: number,
  epoch: number,
  { shuffle, seed }: { shuffle: boolean; seed: number },
): number[] {
  const order = Array.from({ length }, (_, i) => i);
  if (!shuffle) return order;
  const random = seededRandom(seed, epoch);
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
