import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { epochCheckpoints } from '../train/index.js';
import { realPathInside } from './runs-dir.js';

const MAGIC = 'RXTRAIN\u0001';
const MAX_HEADER_BYTES = 4 << 20;

/**
 * The configuration a run recorded in its newest epoch checkpoint, read from the header alone (a
 * checkpoint is mostly weights); undefined when the run has none or the header cannot be read. Shown,
 * not trusted: the page renders it as text.
 */
export async function checkpointConfig(root: string, runDir: string): Promise<unknown> {
  const newest = (await epochCheckpoints(join(runDir, 'checkpoints')).catch(() => [])).at(-1);
  const path = newest === undefined ? undefined : await realPathInside(root, newest);
  if (path === undefined) return undefined;
  const handle = await open(path, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    await handle.read(start, 0, start.length, 0);
    if (start.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
    const length = start.readUInt32LE(MAGIC.length);
    if (length > MAX_HEADER_BYTES) return undefined;
    const header = Buffer.alloc(length);
    await handle.read(header, 0, length, start.length);
    return (JSON.parse(header.toString('utf8')) as { config?: unknown }).config;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}
