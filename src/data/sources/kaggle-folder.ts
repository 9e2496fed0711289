import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Observable } from 'rxjs';
import type { Entry } from '../sample-types.js';
import { DataSourceError } from '../errors.js';
import { compareCodePoints, isImageFile, lookedFor } from './image-files.js';
import { entriesOf, type Listing } from './listing.js';
import { splitListing, type SplitOptions } from './split.js';
import { DEFAULT_SEED } from '../random.js';

/**
 * Options of a Kaggle-style folder (`cat.1.jpg`, `dog.7.jpg`, ...). Defaults reproduce the PyTorch
 * course: `split: 0.9`, `seed: 620`, `shuffle: 'python'`, `mode: 'all'`.
 */
export type KaggleFolderOptions = SplitOptions;

/** The class of a Kaggle file name: its part before the first dot. */
export const kaggleClassOf = (name: string): string => name.slice(0, name.indexOf('.'));

/**
 * Lists one folder of `<class>.<id>.<ext>` files. Classes are the sorted distinct prefixes
 * (`cat`, `dog` give labels 0, 1). The names are sorted, shuffled and split as `options` say, so the
 * result does not depend on the directory's listing order.
 */
export async function listKaggleFolder(dir: string, options: KaggleFolderOptions = {}): Promise<Listing> {
  const names = (await readNames(dir)).filter(isImageFile).sort(compareCodePoints);
  if (names.length === 0) throw new DataSourceError(dir, `no ${lookedFor} named <class>.<id>.<ext> in this folder`);
  const classes = [...new Set(names.map(kaggleClassOf))].sort(compareCodePoints);
  const labelOf = new Map(classes.map((name, label) => [name, label]));
  const chosen = splitListing(names, options, { mode: 'all', split: 0.9, seed: DEFAULT_SEED, shuffle: 'python' });
  const entries = chosen.map((name, index) => ({
    path: join(dir, name),
    label: labelOf.get(kaggleClassOf(name))!,
    index,
  }));
  return { entries, classes };
}

/** `listKaggleFolder` as a cold observable of entries. */
export function kaggleFolder(dir: string, options: KaggleFolderOptions = {}): Observable<Entry> {
  return entriesOf(() => listKaggleFolder(dir, options));
}

async function readNames(dir: string): Promise<string[]> {
  try {
    const found = await readdir(dir, { withFileTypes: true });
    return found.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name);
  } catch (error) {
    throw new DataSourceError(
      dir,
      `cannot read the folder (${(error as Error).message}); expected a folder of ${lookedFor}`,
    );
  }
}
