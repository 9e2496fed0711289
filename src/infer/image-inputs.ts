import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compareCodePoints, isImageFile, lookedFor } from '../data/index.js';
import { InferenceInputError } from './errors.js';

/** The image files named: a file as it is, a folder as its image files, recursively, in sorted order. */
export async function imageFiles(inputs: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch((error: Error) => {
      throw new InferenceInputError(
        input,
        `cannot read it (${error.message}); expected one of the ${lookedFor} or a folder of them`,
      );
    });
    if (info.isDirectory()) {
      const inside = await walk(input);
      if (inside.length === 0) throw new InferenceInputError(input, `no ${lookedFor} in this folder`);
      found.push(...inside);
    } else if (isImageFile(input)) found.push(input);
    else throw new InferenceInputError(input, `not one of the ${lookedFor}, nor a folder`);
  }
  return found;
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareCodePoints(a.name, b.name));
  const nested = await Promise.all(
    entries.map(async (e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return walk(path);
      return (e.isFile() || e.isSymbolicLink()) && isImageFile(e.name) ? [path] : [];
    }),
  );
  return nested.flat();
}
