import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack, type Pack } from 'tar-stream';
import type { Entry } from '../sample-types.js';
import { readImageFile } from '../decode/read-image-file.js';
import { listDataFolder } from '../sources/data-folder.js';
import { ShardError } from './errors.js';
import { SHARD_INDEX_NAME, type ShardEntry, type ShardIndex, type ShardSplit } from './shard-index.js';
import { DEFAULT_SEED } from '../random.js';

export interface WriteShardsOptions {
  /** A Kaggle folder or an ImageFolder (see `listDataFolder`). */
  readonly data: string;
  /** A new or empty folder for the shards and `index.json`. */
  readonly out: string;
  /** Samples per shard (default 1000). */
  readonly shardSize?: number;
  /** Fraction of the shuffled listing that trains, as `trainStream`'s `split` (default 0.9). */
  readonly split?: number;
  /** Seed of the split, as `trainStream`'s `seed` (default `DEFAULT_SEED`, 620). */
  readonly seed?: number;
}

/** Every member of a shard has these, so the same input gives the same bytes. */
const FIXED_HEADER = { mtime: new Date(0), mode: 0o644, uid: 0, gid: 0, uname: '', gname: '' } as const;

/**
 * Writes the training and validation splits of `data` (split as `trainStream` splits it: CPython's
 * shuffle with `seed`, first `split` trains) as WebDataset shards `train-000000.tar`, … and
 * `valid-000000.tar`, …, in listing order, and `index.json` (see `ShardIndex`). Each sample `k` (its
 * position in its split) is `<k>.<ext>` (the file's bytes), `<k>.cls` (its label) and `<k>.json`
 * (its path under `data` and class). Headers carry no time or owner, so the output is byte-for-byte
 * deterministic. Files are read one at a time; a shard is written to a temporary name, then renamed.
 */
export async function writeShards(options: WriteShardsOptions): Promise<ShardIndex> {
  const { data, out, shardSize = 1000, split = 0.9, seed = DEFAULT_SEED } = options;
  if (!Number.isInteger(shardSize) || shardSize < 1)
    throw new ShardError('shardSize', `expected an integer ≥ 1, got ${shardSize}`);
  await emptyFolder(out);
  const listed = async (mode: 'train' | 'valid') =>
    await listDataFolder(data, { mode, split, seed, shuffle: 'python' });
  const train = await listed('train');
  const valid = await listed('valid');
  const digits = Math.max(6, String(Math.max(train.entries.length, valid.entries.length)).length);
  const write = (name: ShardSplit, entries: readonly Entry[]) =>
    writeSplit({ data, out, name, entries, classes: train.classes, shardSize, digits });
  const index: ShardIndex = {
    format: 'webdataset',
    version: 1,
    classes: train.classes,
    splits: { train: await write('train', train.entries), valid: await write('valid', valid.entries) },
    source: { split, seed, shuffle: 'python' },
  };
  await writeFile(join(out, SHARD_INDEX_NAME), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

interface SplitJob {
  readonly data: string;
  readonly out: string;
  readonly name: ShardSplit;
  readonly entries: readonly Entry[];
  readonly classes: readonly string[];
  readonly shardSize: number;
  readonly digits: number;
}

async function writeSplit(job: SplitJob): Promise<ShardEntry[]> {
  const shards: ShardEntry[] = [];
  for (let first = 0; first < job.entries.length; first += job.shardSize) {
    const name = `${job.name}-${String(shards.length).padStart(6, '0')}.tar`;
    const members = job.entries.slice(first, first + job.shardSize);
    await writeShard(join(job.out, name), members, job);
    shards.push({ name, count: members.length });
  }
  return shards;
}

async function writeShard(path: string, entries: readonly Entry[], job: SplitJob): Promise<void> {
  const tar = pack();
  const written = pipeline(tar, createWriteStream(`${path}.partial`));
  try {
    for (const entry of entries) {
      const key = String(entry.index).padStart(job.digits, '0');
      const extension = extname(entry.path).slice(1).toLowerCase();
      const about = { path: relative(job.data, entry.path).split('\\').join('/'), class: job.classes[entry.label] };
      await add(tar, `${key}.${extension}`, await readImageFile(entry.path));
      await add(tar, `${key}.cls`, Buffer.from(String(entry.label)));
      await add(tar, `${key}.json`, Buffer.from(JSON.stringify(about)));
    }
    tar.finalize();
  } catch (error) {
    tar.destroy(error as Error);
  }
  await written;
  await rename(`${path}.partial`, path);
}

const add = (tar: Pack, name: string, bytes: Buffer): Promise<void> =>
  new Promise((resolve, reject) =>
    tar.entry({ ...FIXED_HEADER, name, size: bytes.length }, bytes, (error) => (error ? reject(error) : resolve())),
  );

async function emptyFolder(out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  const found = await readdir(out);
  if (found.length > 0)
    throw new ShardError(
      out,
      `expected a new or empty folder for the shards, found ${found.length} entr${found.length === 1 ? 'y' : 'ies'} (${found.slice(0, 3).join(', ')}${found.length > 3 ? ', …' : ''})`,
    );
}
