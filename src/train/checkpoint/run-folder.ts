import { mkdir, readdir, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { epochCheckpoints } from './checkpoint-file.js';
import { CheckpointWriteError, RunFolderError } from '../loop/index.js';

/** What `prepareCheckpointFolder` found and did, for the run's notices and its clean-up. */
export interface CheckpointFolder {
  readonly dir: string;
  /** The outermost folder this run made, if any (a failed start removes what is still empty of it). */
  readonly created: string | undefined;
  /** Temporary files of an interrupted save that were removed. */
  readonly removedTemporary: readonly string[];
}

const exists = (path: string): Promise<boolean> =>
  readdir(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  );

/**
 * Readies `dir` (a run's `checkpoints` folder) before any training: removes the `.tmp` files a kill
 * left; refuses checkpoints of an earlier run unless the run resumes, or `force` removes them (so two
 * runs never mix and `keepLast` never deletes the wrong run's files); and proves the folder writable
 * by writing and removing a file, so an unwritable folder fails now rather than after an epoch.
 */
export async function prepareCheckpointFolder(
  dir: string,
  options: { resume: boolean; force: boolean },
): Promise<CheckpointFolder> {
  const names = !(await exists(dir))
    ? []
    : await readdir(dir).catch((error: Error) => {
        throw new CheckpointWriteError(dir, error);
      });
  const removedTemporary = names.filter((name) => name.endsWith('.ckpt.tmp')).map((name) => join(dir, name));
  for (const path of removedTemporary) await unlink(path);
  const earlier = [...(await epochCheckpoints(dir)), ...(names.includes('best.ckpt') ? [join(dir, 'best.ckpt')] : [])];
  if (!options.resume && earlier.length > 0) {
    if (!options.force) {
      throw new RunFolderError(
        dir,
        `holds ${earlier.length} checkpoint${earlier.length === 1 ? '' : 's'} of an earlier run: resume it (resume: 'latest', --resume latest), start over with force: true (--force, which deletes them), or use another folder`,
      );
    }
    for (const path of earlier) await unlink(path);
  }
  const probe = join(dir, `.write-check-${process.pid}.ckpt.tmp`);
  let created: string | undefined;
  try {
    created = await mkdir(dir, { recursive: true });
    await writeFile(probe, 'rxtrain');
    await unlink(probe);
  } catch (error) {
    await unlink(probe).catch(() => undefined);
    throw new CheckpointWriteError(dir, error);
  }
  return { dir, created, removedTemporary };
}

/** After a failed start: removes the checkpoint folder if this run made it and it is still empty. */
export async function removeIfUnused(folder: CheckpointFolder): Promise<void> {
  if (folder.created === undefined) return;
  for (let path = folder.dir; ; path = dirname(path)) {
    if (
      !(await rmdir(path).then(
        () => true,
        () => false,
      )) ||
      path === folder.created ||
      dirname(path) === path
    )
      return;
  }
}
