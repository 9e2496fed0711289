import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { RunFolderLockedError } from '../loop/index.js';

/** The lock file a run keeps in its folder while it runs. */
export const LOCK_FILE = 'rxtrain.lock';

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/** A held lock: `release` removes it (once; later calls do nothing). */
export interface RunLock {
  readonly path: string;
  release(): void;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readRecord = (path: string): { text: string; record: Partial<LockRecord> } | undefined => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return { text, record: JSON.parse(text) as Partial<LockRecord> };
  } catch {
    return { text, record: {} };
  }
};

/** A lock whose process is gone: same host and its pid is not alive (another host's lock is never judged stale). */
const isStale = ({ pid, host }: Partial<LockRecord>): boolean =>
  host === hostname() && Number.isSafeInteger(pid) && !alive(pid!);

/**
 * Takes the run folder `dir` for this process: creates `dir/rxtrain.lock` atomically (`O_EXCL`)
 * with this process's pid. A lock left by a process that is no longer alive (a `kill -9`) is taken
 * over; a live one is refused with a `RunFolderLockedError` naming the folder and the pid. The lock
 * is released by `release()` and, failing that, when the process exits.
 */
export function lockRunFolder(dir: string): RunLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const record: LockRecord = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readRecord(path);
      if (held === undefined) continue;
      if (attempt < 3 && isStale(held.record)) {
        // Remove it only if it is still the stale lock just read, not one another process has taken since.
        if (readRecord(path)?.text === held.text) unlinkSync(path);
        continue;
      }
      throw new RunFolderLockedError(dir, held.record.pid, held.record.host);
    }
    writeSync(fd, JSON.stringify(record));
    closeSync(fd);
    return heldLock(path);
  }
}

function heldLock(path: string): RunLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readRecord(path)?.record.pid === process.pid) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return { path, release };
}
