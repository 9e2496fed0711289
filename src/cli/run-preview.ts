import { firstValueFrom, take, toArray } from 'rxjs';
import {
  decodeImage,
  denormalizeToBytes,
  kaggleFolder,
  listImageFolder,
  classificationTrainTransform,
  toSamples,
  imageFolder,
  DataSourceError,
  DEFAULT_SEED,
} from '../data/index.js';
import type { Entry, Skipped } from '../data/index.js';
import { cappedList } from '../infer/index.js';
import { tileGrid, writeRgbPng } from '../report/index.js';
import type { Observable } from 'rxjs';

export interface PreviewOptions {
  /** A Kaggle-style folder (`cat.1.jpg`, ...) or an ImageFolder (`<class>/` sub-folders). */
  readonly data: string;
  /** The PNG to write. */
  readonly out: string;
  /** Samples in the grid (default 16). */
  readonly count?: number;
  readonly seed?: number;
}

async function sourceOf(dir: string, seed: number): Promise<Observable<Entry>> {
  const isImageFolder = await listImageFolder(dir).then(
    () => true,
    () => false,
  );
  return isImageFolder
    ? imageFolder(dir, { split: 0.9, mode: 'train', seed })
    : kaggleFolder(dir, { mode: 'train', seed });
}

/**
 * Writes a PNG grid of training samples after the seed's train transform, so augmentations can be
 * looked at before training. Files that cannot be decoded are left out and reported to `onSkipped`;
 * when none can be, a `DataSourceError` names the folder and the files.
 */
export async function runPreview(
  options: PreviewOptions & { onSkipped?: (skipped: Skipped) => void },
): Promise<{ out: string; count: number }> {
  const { data, out, count = 16, seed = DEFAULT_SEED } = options;
  const source = await sourceOf(data, seed);
  const skipped: Skipped[] = [];
  const onSkipped = (file: Skipped) => (skipped.push(file), options.onSkipped?.(file));
  const samples = await firstValueFrom(
    source.pipe(
      toSamples({ seed }),
      decodeImage({ onSkipped }),
      take(count),
      classificationTrainTransform(),
      toArray(),
    ),
  );
  if (samples.length === 0) {
    throw new DataSourceError(
      data,
      `none of its images could be decoded (${cappedList(
        skipped.map((file) => `${file.path}: ${file.reason}`),
        3,
      )})`,
    );
  }
  const side = 224;
  const tiles = samples.map((sample) => ({ width: side, height: side, data: denormalizeToBytes(sample.image) }));
  await writeRgbPng(tileGrid(tiles, { columns: Math.ceil(Math.sqrt(samples.length)), gap: 4 }), out);
  return { out, count: samples.length };
}
