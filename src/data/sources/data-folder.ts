import { readdir } from 'node:fs/promises';
import { DataSourceError } from '../errors.js';
import { isImageFile, lookedFor } from './image-files.js';
import { listImageFolder } from './image-folder.js';
import { listKaggleFolder } from './kaggle-folder.js';
import type { Listing } from './listing.js';
import type { SplitOptions } from './split.js';

/** How a data folder is laid out. */
export type FolderLayout = 'kaggle' | 'image-folder' | 'image-folder-split';

/**
 * Images at the top (`cat.1.jpg`): Kaggle's layout; `train/` and `val/` (or `valid/`) sub-folders:
 * torchvision's ImageFolder already split; other sub-folders: an ImageFolder, one per class.
 */
export async function folderLayout(dir: string): Promise<FolderLayout> {
  let found;
  try {
    found = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new DataSourceError(
      dir,
      `cannot read the folder (${(error as Error).message}); expected a folder of ${lookedFor} or of class sub-folders`,
    );
  }
  if (found.some((e) => (e.isFile() || e.isSymbolicLink()) && isImageFile(e.name))) return 'kaggle';
  const folders = new Set(found.filter((e) => e.isDirectory()).map((e) => e.name));
  return folders.has('train') && (folders.has('val') || folders.has('valid')) ? 'image-folder-split' : 'image-folder';
}

/**
 * Lists a Kaggle-style folder or a torchvision ImageFolder, whichever `dir` is (see `folderLayout`).
 * `split`, `seed` and `shuffle` split a folder as `listKaggleFolder` does; an ImageFolder that is
 * already split into `train/` and `val/` gives those for `mode` `'train'` and `'valid'` (and `val/`
 * for `'all'`, the part to evaluate).
 */
export async function listDataFolder(
  dir: string,
  options: SplitOptions = {},
): Promise<Listing & { layout: FolderLayout }> {
  const layout = await folderLayout(dir);
  if (layout === 'kaggle') return { ...(await listKaggleFolder(dir, options)), layout };
  if (layout === 'image-folder-split') {
    const { mode = 'all', split: _split, ...rest } = options;
    return { ...(await listImageFolder(dir, { ...rest, mode: mode === 'all' ? 'valid' : mode })), layout };
  }
  return { ...(await listImageFolder(dir, options)), layout };
}
