import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { RunsDirError } from './errors.js';

/** A run found under the runs folder. */
export interface RunEntry {
  /** Its folder relative to the runs folder, with `/` (`catdog`, `sweep/lr-0.01`): the page's name for it. */
  readonly id: string;
  /** The real path of its folder (inside the runs folder). */
  readonly dir: string;
  /** The real path of its `events.jsonl`. */
  readonly log: string;
  /** Last change of the log, ISO 8601. */
  readonly modified: string;
  readonly bytes: number;
}

const MAX_DEPTH = 3;
const SKIPPED = new Set(['checkpoints', 'node_modules']);

/** `path`'s real path when it lies inside `root` (itself a real path); undefined for links out and missing files. */
export async function realPathInside(root: string, path: string): Promise<string | undefined> {
  const real = await realpath(path).catch(() => undefined);
  return real !== undefined && real.startsWith(root + sep) ? real : undefined;
}

/** The real path of the runs folder, checked to be a folder. */
export async function runsRoot(dir: string): Promise<string> {
  const real = await realpath(dir).catch((error: Error) => {
    throw new RunsDirError(dir, `cannot be read (${error.message})`);
  });
  if (!(await stat(real)).isDirectory()) throw new RunsDirError(dir, 'is not a folder');
  return real;
}

/**
 * The runs under `root` (a real path): folders up to three levels down holding an `events.jsonl`,
 * newest first. Hidden folders and checkpoints are not searched, and a folder or log whose real path
 * leaves `root` (a symbolic link out) is not a run.
 */
export async function listRuns(root: string): Promise<RunEntry[]> {
  const runs: RunEntry[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    const log = await realPathInside(root, join(dir, 'events.jsonl'));
    if (log !== undefined) {
      const info = await stat(log).catch(() => undefined);
      if (info?.isFile())
        runs.push({
          id: relative(root, dir).split(sep).join('/'),
          dir,
          log,
          modified: info.mtime.toISOString(),
          bytes: info.size,
        });
    }
    if (depth === MAX_DEPTH) return;
    const names = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of names) {
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name) || !(entry.isDirectory() || entry.isSymbolicLink()))
        continue;
      const child = await realPathInside(root, join(dir, entry.name));
      if (child !== undefined && (await stat(child)).isDirectory()) await visit(child, depth + 1);
    }
  };
  await visit(root, 0);
  return runs
    .filter((run) => run.id !== '')
    .sort((a, b) => b.modified.localeCompare(a.modified) || a.id.localeCompare(b.id));
}
