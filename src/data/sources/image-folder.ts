import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Observable } from 'rxjs';
import type { Entry } from '../sample-types.js';
import { DataSourceError } from '../errors.js';
import { compareCodePoints, isImageFile, lookedFor } from './image-files.js';
import { entriesOf, type Listing } from './listing.js';
import { splitListing, type SplitOptions } from './split.js';

/**
 * Options of a torchvision `ImageFolder` layout (`dir/<class>/**\/<file>`).
 * - With `split`, the listing is shuffled (`shuffle`, default `'seeded'`, `seed` default 0) and
 *   `mode` picks the first `floor(n * split)` (`train`) or the rest (`valid`).
 * - Without `split`, `mode: 'train'` reads `dir/train/` and `mode: 'valid'` reads `dir/val/` (or
 *   `dir/valid/`), each an ImageFolder; `mode: 'all'` (the default) reads `dir` itself, unshuffled.
 */
export type ImageFolderOptions = SplitOptions;

const VALID_FOLDERS = ['val', 'valid'];

/** Lists an ImageFolder as torchvision does: classes = sorted sub-folder names, files walked recursively in sorted order. */
export async function listImageFolder(dir: string, options: ImageFolderOptions = {}): Promise<Listing> {
  const mode = options.mode ?? 'all';
  if (options.split === undefined && mode !== 'all') {
    const folders = mode === 'train' ? ['train'] : VALID_FOLDERS;
    const root = await firstFolder(dir, folders);
    if (!root)
      throw new DataSourceError(
        dir,
        `mode '${mode}' without a split needs a sub-folder ${folders.map((f) => `'${f}/'`).join(' or ')}`,
      );
    return listImageFolder(root, { ...options, mode: 'all' });
  }
  const classes = (await readFolder(dir))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(compareCodePoints);
  if (classes.length === 0)
    throw new DataSourceError(dir, `no class sub-folders (expected <class>/ folders of ${lookedFor})`);
  const files: Array<{ path: string; label: number }> = [];
  for (const [label, name] of classes.entries()) {
    for (const path of await walkImages(join(dir, name))) files.push({ path, label });
  }
  if (files.length === 0)
    throw new DataSourceError(dir, `no ${lookedFor} in its class sub-folders ${classes.join(', ')}`);
  const chosen = splitListing(files, options, {
    mode,
    split: 1,
    seed: 0,
    shuffle: options.split === undefined ? 'none' : 'seeded',
  });
  return { entries: chosen.map((file, index) => ({ ...file, index })), classes };
}

/** `listImageFolder` as a cold observable of entries. */
export function imageFolder(dir: string, options: ImageFolderOptions = {}): Observable<Entry> {
  return entriesOf(() => listImageFolder(dir, options));
}

/** Image paths under `dir`, recursively, ordered as torchvision's `sorted(os.walk(dir))` then sorted file names. */
async function walkImages(dir: string): Promise<string[]> {
  const found = await readFolder(dir);
  const names = (kind: 'file' | 'dir') =>
    found
      .filter((e) => (kind === 'dir' ? e.isDirectory() : (e.isFile() || e.isSymbolicLink()) && isImageFile(e.name)))
      .map((e) => e.name)
      .sort(compareCodePoints);
  const here = names('file').map((name) => join(dir, name));
  const below = await Promise.all(names('dir').map((name) => walkImages(join(dir, name))));
  return [...here, ...below.flat()];
}

async function readFolder(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new DataSourceError(
      dir,
      `cannot read the folder (${(error as Error).message}); expected an ImageFolder: <class>/ sub-folders of ${lookedFor}`,
    );
  }
}

async function firstFolder(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    const path = join(dir, name);
    if (
      await stat(path).then(
        (s) => s.isDirectory(),
        () => false,
      )
    )
      return path;
  }
  return undefined;
}
