import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { seededRandom } from '../random.js';
import { ShardError } from './errors.js';
import { ShardOpener } from './open-shard.js';
import { readShard, type ReadShardOptions } from './read-shard.js';
import { resolveShards, type ResolvedShards } from './resolve-shards.js';
import { resumableBytes, type RetryOptions } from './resumable-bytes.js';
import { roundRobin } from './round-robin.js';
import { shardsOfRank, shardsOfWorkers } from './shard-plan.js';
import type { ShardSplit } from './shard-index.js';
import type { ShardItem } from './shard-sample.js';
import { shuffleBuffer } from './shuffle-buffer.js';

export interface WebDatasetOptions extends RetryOptions, ReadShardOptions {
  /** For a shard set (a location holding `index.json`): which split to read (default `'train'`). */
  readonly split?: ShardSplit;
  /** Shuffle as WebDataset does: the shard order by `(seed, epoch)`, then samples through a buffer of `shuffleBuffer` (default false). */
  readonly shuffle?: boolean;
  readonly seed?: number;
  /** Samples the shuffle holds (default 1000). */
  readonly shuffleBuffer?: number;
  /** This process's rank and the number of processes (default: torchrun's `RANK` and `WORLD_SIZE`, else 0 of 1). */
  readonly rank?: number;
  readonly worldSize?: number;
  /** Shards read at once, each by its own reader with its own shards (default 1), as DataLoader workers split them. */
  readonly workers?: number;
  /** The S3 client's settings (endpoint, region, credentials); the SDK's standard chain fills in the rest. */
  readonly s3?: S3ClientConfig;
  /** Told of every chunk of bytes read from a shard. */
  readonly onBytes?: (bytes: number) => void;
}

/** A WebDataset reader: cold, each `samples(epoch)` reads its epoch anew. */
export interface WebDataset {
  /** This process's shards. */
  shards(): Promise<readonly string[]>;
  /** This process's samples per epoch, when an index counts them. */
  count(): Promise<number | undefined>;
  /** Class names from the index, when there is one. */
  classes(): Promise<readonly string[] | undefined>;
  /** This process's samples of epoch `epoch` (0-based), with skipped members and shards in their place. */
  samples(epoch: number): AsyncIterable<ShardItem>;
  /** Closes the S3 client, if one was made. */
  close(): void;
}

const envInteger = (name: string): number | undefined =>
  process.env[name] === undefined ? undefined : Number(process.env[name]);

/**
 * Reads WebDataset shards from local paths, `http(s)://` URLs (brace patterns such as
 * `shard-{000000..000099}.tar` expanded) or `s3://bucket/key` (AWS SDK v3), or a shard set written by
 * `writeShards` (a folder, URL or `s3://bucket/prefix` holding `index.json`). Shards stream: members
 * are read as samples are pulled; a dropped connection resumes where it stopped (HTTP/S3 `Range`)
 * after a backoff. Process `rank` takes every `worldSize`-th shard, and its `workers` readers each
 * take their own shards, so no sample is read twice in an epoch.
 */
export function webDataset(urls: string | readonly string[], options: WebDatasetOptions = {}): WebDataset {
  const { split = 'train', shuffle = false, seed = 0, shuffleBuffer: bufferSize = 1000, workers = 1 } = options;
  const rank = options.rank ?? envInteger('RANK') ?? 0;
  const worldSize = options.worldSize ?? envInteger('WORLD_SIZE') ?? 1;
  if (!Number.isInteger(bufferSize) || bufferSize < 0)
    throw new ShardError('shuffleBuffer', `expected an integer ≥ 0, got ${bufferSize}`);
  if (!Number.isSafeInteger(seed)) throw new ShardError('seed', `expected a safe integer, got ${seed}`);
  const opener = new ShardOpener(options.s3);
  let resolved: Promise<ResolvedShards & { readonly mine: readonly number[] }> | undefined;
  const resolve = () =>
    (resolved ??= resolveShards(urls, split, opener, options).then(
      (found) => {
        const mine = shardsOfRank(
          found.urls.map((_, i) => i),
          { rank, worldSize },
        );
        return { ...found, mine };
      },
      (error: unknown) => {
        resolved = undefined;
        throw error;
      },
    ));

  return {
    async shards() {
      const { urls: all, mine } = await resolve();
      return mine.map((i) => all[i]!);
    },
    async count() {
      const { counts, mine } = await resolve();
      return counts && mine.reduce((sum, i) => sum + counts[i]!, 0);
    },
    async classes() {
      return (await resolve()).classes;
    },
    samples(epoch: number): AsyncIterable<ShardItem> {
      return {
        [Symbol.asyncIterator]: async function* () {
          const { urls: all, mine } = await resolve();
          const perWorker = shardsOfWorkers(
            mine.map((i) => all[i]!),
            workers,
            epoch,
            { shuffle, seed },
          );
          const readers = perWorker.map((shards) => readShards(shards, opener, options));
          const merged = roundRobin(readers);
          yield* shuffle && bufferSize > 0
            ? shuffleBuffer(merged, bufferSize, seededRandom(seed, epoch, rank, 0x5b5f), (item) => 'skipped' in item)
            : merged;
        },
      };
    },
    close: () => opener.close(),
  };
}

async function* readShards(
  shards: readonly string[],
  opener: ShardOpener,
  options: WebDatasetOptions,
): AsyncGenerator<ShardItem> {
  for (const shard of shards) {
    yield* readShard(
      shard,
      resumableBytes(shard, (offset) => opener.open(shard, offset), options),
      options,
    );
  }
}
