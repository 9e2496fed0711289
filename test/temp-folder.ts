import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';

/** A new folder `rxtrain-<name>-…` in the system temp folder, removed when the test ends, passed or failed. */
export async function tempFolder(t: ExecutionContext, name: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), `rxtrain-${name}-`));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/** For scripts and child processes with no test to tie to: the folder is removed when the process exits. */
export function tempFolderUntilExit(name: string): string {
  const folder = mkdtempSync(join(tmpdir(), `rxtrain-${name}-`));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
