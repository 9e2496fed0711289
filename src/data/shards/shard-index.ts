import { ShardError } from './errors.js';

/** The name of a shard set's index, next to its shards. */
export const SHARD_INDEX_NAME = 'index.json';

/** The two parts a shard set holds. */
export type ShardSplit = 'train' | 'valid';

export interface ShardEntry {
  /** The shard's file name, relative to the index. */
  readonly name: string;
  /** Samples it holds. */
  readonly count: number;
}

/** What `index.json` records: the classes (index = label) and each split's shards in order. */
export interface ShardIndex {
  readonly format: 'webdataset';
  readonly version: 1;
  readonly classes: readonly string[];
  readonly splits: Readonly<Record<ShardSplit, readonly ShardEntry[]>>;
  /** How the source folder was split, so a run on the folder and one on the shards agree. */
  readonly source: { readonly split: number; readonly seed: number; readonly shuffle: string };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a parsed `index.json`, throwing `ShardError` naming `where` and what is wrong. */
export function checkShardIndex(value: unknown, where: string): ShardIndex {
  const fail = (expected: string): never => {
    throw new ShardError(where, expected);
  };
  if (!isObject(value) || value.format !== 'webdataset' || value.version !== 1)
    return fail("expected a shard index ({ format: 'webdataset', version: 1, … })");
  if (!Array.isArray(value.classes) || value.classes.length === 0 || !value.classes.every((c) => typeof c === 'string'))
    fail('expected classes: a non-empty list of names');
  if (!isObject(value.splits)) return fail('expected splits: { train: [...], valid: [...] }');
  for (const split of ['train', 'valid'] as const) {
    const shards = value.splits[split];
    if (!Array.isArray(shards)) fail(`expected splits.${split}: a list of { name, count }`);
    for (const shard of shards as unknown[]) {
      if (
        !isObject(shard) ||
        typeof shard.name !== 'string' ||
        !/^[^/\\]+\.tar$/.test(shard.name) ||
        !Number.isInteger(shard.count) ||
        (shard.count as number) < 0
      ) {
        fail(
          `expected each of splits.${split} to be { name: '<file>.tar', count: integer ≥ 0 }, got ${JSON.stringify(shard)}`,
        );
      }
    }
  }
  return value as unknown as ShardIndex;
}
