import { seededRandom } from '../random.js';
import { ShardError } from './errors.js';

/** Which part of the shards this reader takes: process `rank` of `worldSize`, loader worker `worker` of `workers`. */
export interface ShardSplitting {
  readonly rank: number;
  readonly worldSize: number;
  readonly workers: number;
}

/** This process's shards: every `worldSize`-th of the list from `rank` on, the same every epoch (so its sample count is fixed). */
export function shardsOfRank<T>(
  shards: readonly T[],
  { rank, worldSize }: Pick<ShardSplitting, 'rank' | 'worldSize'>,
): T[] {
  if (!Number.isInteger(worldSize) || worldSize < 1)
    throw new ShardError('worldSize', `expected an integer ≥ 1, got ${worldSize}`);
  if (!Number.isInteger(rank) || rank < 0 || rank >= worldSize)
    throw new ShardError('rank', `expected an integer in [0, ${worldSize - 1}], got ${rank}`);
  return shards.filter((_, i) => i % worldSize === rank);
}

/**
 * Each loader worker's shards in epoch `epoch`: the process's shards in a seeded order (WebDataset's
 * shard shuffle, by `(seed, epoch)`) when `shuffle`, dealt round-robin to the workers, so no shard,
 * and so no sample, is read twice.
 */
export function shardsOfWorkers<T>(
  mine: readonly T[],
  workers: number,
  epoch: number,
  { shuffle, seed }: { readonly shuffle: boolean; readonly seed: number },
): T[][] {
  if (!Number.isInteger(workers) || workers < 1)
    throw new ShardError('workers', `expected an integer ≥ 1, got ${workers}`);
  const order = [...mine];
  if (shuffle) {
    const random = seededRandom(seed, epoch, 0x5a4d);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  return Array.from({ length: workers }, (_, w) => order.filter((_, i) => i % workers === w));
}
