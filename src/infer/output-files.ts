import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExportTargetError } from './errors.js';

/** The same file on disk: one path, or two hard links (or symbolic links) to one inode. */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Refuses to write `targets` when one is a file the command reads (`sources`: the checkpoint or
 * weights being exported, or a hard link to them, such as `best.ckpt`), always; and when one exists,
 * unless `force`. Nothing is written before this passes.
 */
export function checkOutputFiles(targets: readonly string[], sources: readonly string[], force: boolean): void {
  for (const target of targets) {
    const source = sources.find((s) => existsSync(target) && sameFile(s, target));
    if (source !== undefined)
      throw new ExportTargetError(
        target,
        `is the model being exported (${source}): writing it would destroy it; choose another --out`,
      );
    if (!force && existsSync(target))
      throw new ExportTargetError(target, 'already exists: choose another --out, or pass --force to replace it');
  }
}

/**
 * Writes `data` to a temporary file beside `path`, then renames it over `path`: a reader never sees
 * half a file, and a hard link to the old file keeps the old contents.
 */
export async function writeFileAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
