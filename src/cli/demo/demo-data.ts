import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { seededRandom } from '../../data/index.js';
import { DEMO_CLASSES, demoImage } from './demo-image.js';
import { checkArgument, positiveInteger } from '../../util/index.js';

export interface DemoDataOptions {
  /** Images of each class; default 150. */
  readonly perClass?: number;
  readonly seed?: number;
}

/** The demo folder's file names, Kaggle style: `cat.0.jpg` … `dog.N.jpg`. */
export function demoFileNames(perClass: number): string[] {
  return DEMO_CLASSES.flatMap((name) => Array.from({ length: perClass }, (_, i) => `${name}.${i}.jpg`));
}

/** Encodes demo image `index` of class `label` as a JPEG; its pixels depend only on (seed, label, index). */
export async function demoJpeg(label: 0 | 1, index: number, seed: number): Promise<Buffer> {
  const image = demoImage(label, seededRandom(seed, label, index));
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Makes the built-in demo data set in `dir` (a Kaggle cats-vs-dogs layout of synthetic images)
 * unless every file is already there. Resolves with whether anything was written.
 */
export async function ensureDemoData(dir: string, options: DemoDataOptions = {}): Promise<{ written: number }> {
  const { perClass = 150, seed = 0 } = options;
  checkArgument('demo data', 'perClass', perClass, positiveInteger);
  await mkdir(dir, { recursive: true });
  let written = 0;
  for (const [label] of DEMO_CLASSES.entries()) {
    for (let index = 0; index < perClass; index++) {
      const path = join(dir, `${DEMO_CLASSES[label]}.${index}.jpg`);
      if (await exists(path)) continue;
      await writeFile(path, await demoJpeg(label as 0 | 1, index, seed));
      written += 1;
    }
  }
  return { written };
}
