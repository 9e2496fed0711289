import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ShardReadError } from './errors.js';
import { PermanentShardError } from './open-shard.js';

export interface RetryOptions {
  /** Tries after a failure without progress, before giving up (default 5). */
  readonly retries?: number;
  /** Wait before the first retry; each further one doubles it (default 200 ms). */
  readonly backoffMs?: number;
}

/**
 * The bytes of `shard` from `open(0)` on. A read that fails (a dropped connection, a 5xx) opens
 * again at the byte where it stopped, after a backoff that doubles with each failure in a row; a
 * failure after progress starts the count again. `PermanentShardError` is not retried. Breaking
 * out of the iteration closes the stream. `onBytes` is told of every chunk read.
 */
export async function* resumableBytes(
  shard: string,
  open: (offset: number) => Promise<Readable>,
  options: RetryOptions & { readonly onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<Buffer> {
  const { retries = 5, backoffMs = 200 } = options;
  let offset = 0;
  let failures = 0;
  let failedAt = -1;
  for (;;) {
    let stream: Readable | undefined;
    try {
      stream = await open(offset);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        offset += chunk.length;
        options.onBytes?.(chunk.length);
        yield chunk;
      }
      return;
    } catch (error) {
      if (error instanceof PermanentShardError) throw error;
      failures = offset > failedAt ? 1 : failures + 1;
      failedAt = offset;
      if (failures > retries) throw new ShardReadError(shard, offset, failures, error);
      await sleep(backoffMs * 2 ** (failures - 1));
    } finally {
      stream?.destroy();
    }
  }
}
