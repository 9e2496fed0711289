import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ImageDecodeError } from '../errors.js';

/** How long reading one image file may take before it is given up. */
export const DEFAULT_READ_TIMEOUT_MS = 30_000;

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

const kindOf = (stats: Stats): string =>
  stats.isFIFO() ? 'a FIFO (named pipe)' : stats.isDirectory() ? 'a directory' : stats.isSocket() ? 'a socket' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'not a regular file';

/**
 * The bytes of an image file. Only regular files (or symlinks to one) are read: the file is opened
 * without blocking and checked before any read, so a FIFO or a device named `.jpg` is refused at
 * once instead of waiting for a writer forever; the read gives up after `timeoutMs`.
 */
export async function readImageFile(path: string, timeoutMs = DEFAULT_READ_TIMEOUT_MS): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ImageDecodeError(path, `cannot open: ${(error as Error).message}`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ImageDecodeError(path, `${kindOf(stats)}, expected a regular file`);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new TimeoutError()), timeoutMs);
    try {
      return await handle.readFile({ signal: abort.signal });
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    throw new ImageDecodeError(path, timedOut ? `reading took longer than ${timeoutMs} ms (option readTimeoutMs)` : `cannot read: ${(error as Error).message}`);
  } finally {
    await handle.close();
  }
}
