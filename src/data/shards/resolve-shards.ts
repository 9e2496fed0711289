import { ShardError } from './errors.js';
import { PermanentShardError, type ShardOpener } from './open-shard.js';
import { resumableBytes, type RetryOptions } from './resumable-bytes.js';
import { checkShardIndex, SHARD_INDEX_NAME, type ShardSplit } from './shard-index.js';
import { expandShardUrls, joinUrl, locationOf } from './shard-url.js';

/** The shards to read, in their listed order, and what an index said of them. */
export interface ResolvedShards {
  readonly urls: readonly string[];
  /** Samples per shard, when an index gave them. */
  readonly counts?: readonly number[];
  readonly classes?: readonly string[];
}

const isShardSet = (url: string): boolean => !url.includes('{') && !/\.tar$/i.test(url);

/**
 * What `urls` names: shard URLs (brace patterns expanded), or one shard set, a folder or URL prefix
 * holding `index.json` (its `split` part is taken). An `s3://bucket/prefix` with no index lists the
 * `.tar` objects under the prefix.
 */
export async function resolveShards(
  urls: string | readonly string[],
  split: ShardSplit,
  opener: ShardOpener,
  retry: RetryOptions,
): Promise<ResolvedShards> {
  const list = typeof urls === 'string' ? [urls] : urls;
  const [base] = list;
  if (list.length !== 1 || base === undefined || !isShardSet(base)) return { urls: expandShardUrls(list) };
  const indexUrl = joinUrl(base, SHARD_INDEX_NAME);
  let text: string;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of resumableBytes(indexUrl, (offset) => opener.open(indexUrl, offset), retry))
      chunks.push(chunk);
    text = Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof PermanentShardError && locationOf(base).kind === 's3') {
      const found = await opener.listS3(base);
      if (found.length === 0)
        throw new ShardError(base, `expected ${SHARD_INDEX_NAME} or .tar shards under this prefix, found neither`);
      return { urls: found };
    }
    if (error instanceof PermanentShardError)
      throw new ShardError(
        base,
        `expected a shard set with ${SHARD_INDEX_NAME} (written by \`rxtrain shard\`), or shard URLs ending in .tar: ${error.message}`,
      );
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ShardError(indexUrl, `expected JSON (${(error as Error).message})`);
  }
  const index = checkShardIndex(parsed, indexUrl);
  const shards = index.splits[split];
  return {
    urls: shards.map((shard) => joinUrl(base, shard.name)),
    counts: shards.map((shard) => shard.count),
    classes: index.classes,
  };
}
