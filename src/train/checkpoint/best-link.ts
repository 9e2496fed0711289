import { existsSync, linkSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const sameFile = (a: string, b: string): boolean => {
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
};

/**
 * On resume: makes `dir/best.ckpt` the link to `dir/bestFile` that a kill may have kept from being
 * made. Returns whether `best.ckpt` exists afterwards (when it does not, the run must not claim it).
 */
export function repairBestLink(dir: string, bestFile: string | null): boolean {
  const bestPath = join(dir, 'best.ckpt');
  const source = bestFile === null ? undefined : join(dir, bestFile);
  if (source !== undefined && existsSync(source) && !sameFile(source, bestPath)) {
    const temporary = `${bestPath}.tmp`;
    try {
      if (existsSync(temporary)) unlinkSync(temporary);
      linkSync(source, temporary);
      renameSync(temporary, bestPath);
    } catch {
      // Left as it was: the existence check below decides what the run may claim.
    }
  }
  return existsSync(bestPath);
}
