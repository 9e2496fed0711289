import { EMPTY, mergeMap, of, type OperatorFunction } from 'rxjs';
import type { Skipped } from '../batch-types.js';
import type { Entry, RawImage, Sample } from '../sample-types.js';
import { ImageDecodeError } from '../errors.js';
import { sampleOf, type SeededEntry } from '../sample-of.js';
import { loadImage, loadImageBytes, type LoadImageOptions } from './load-image.js';
import { mapOrdered } from './map-ordered.js';

export interface DecodeImageOptions extends LoadImageOptions {
  /** `'skip'` (default): drop the file and report it to `onSkipped`; `'fail'`: error the stream with the `ImageDecodeError`. */
  readonly onBadImage?: 'skip' | 'fail';
  /** Receives a notice for every skipped file. Default: a process warning of type `ImageSkippedWarning`. */
  readonly onSkipped?: (skipped: Skipped) => void;
  /** Files decoded at once (sharp decodes on libuv's thread pool, 4 threads by default). Default 4. */
  readonly concurrency?: number;
  /** For entries that have no `random` yet (straight from a source): the seed and epoch their generators derive from. */
  readonly seed?: number;
  readonly epoch?: number;
}

const warnSkipped = (skipped: Skipped): void => {
  process.emitWarning(`skipped ${skipped.path}: ${skipped.reason}`, 'ImageSkippedWarning');
};

/**
 * Decodes each entry's file (or its `bytes`, when it carries them: a shard's member) into a `Sample<RawImage>` (see `loadImage`), in input order, with
 * bounded concurrency. A bad file is skipped with a notice (notices too come in input order), or
 * errors the stream under `onBadImage: 'fail'`.
 */
export function decodeImage(options: DecodeImageOptions = {}): OperatorFunction<Entry | SeededEntry, Sample<RawImage>> {
  const { onBadImage = 'skip', onSkipped = warnSkipped, concurrency = 4, seed = 0, epoch = 0 } = options;
  const decode = async (entry: Entry | SeededEntry): Promise<Sample<RawImage> | Skipped> => {
    const seeded = 'random' in entry ? entry : sampleOf(entry, seed, epoch);
    try {
      const { bytes } = entry as { bytes?: Uint8Array };
      const image =
        bytes === undefined ? await loadImage(entry.path, options) : await loadImageBytes(entry.path, bytes, options);
      return { path: seeded.path, label: seeded.label, index: seeded.index, random: seeded.random, image };
    } catch (error) {
      if (onBadImage === 'fail' || !(error instanceof ImageDecodeError)) throw error;
      return { path: error.path, reason: error.reason };
    }
  };
  return (source) =>
    source.pipe(
      mapOrdered(decode, concurrency),
      mergeMap((outcome) => {
        if ('image' in outcome) return of(outcome);
        onSkipped(outcome);
        return EMPTY;
      }),
    );
}
