// Transforms that loader workers import in the tests: the synthetic stand-in for decode → augment
// (an image whose every value is the entry's index), with a per-sample delay and misbehaving files.
import { map, mergeMap, timer } from 'rxjs';
import { ImageDecodeError } from '../../../src/data/errors.js';
import type { SampleTransform } from '../../../src/data/loader/index.js';

export interface WorkerSyntheticOptions {
  readonly delayMs?: number;
  readonly side?: number;
  /** Paths that fail to decode (skipped or failing the epoch, as the loader's onBadImage says). */
  readonly bad?: readonly string[];
  /** Paths whose transform throws a plain Error. */
  readonly throwOn?: readonly string[];
  /** Paths whose transform ends the worker thread. */
  readonly exitOn?: readonly string[];
}

export function workerSynthetic({
  delayMs = 0,
  side = 2,
  bad = [],
  throwOn = [],
  exitOn = [],
}: WorkerSyntheticOptions = {}): SampleTransform {
  return mergeMap((sample) =>
    timer(delayMs).pipe(
      map(() => {
        if (exitOn.includes(sample.path)) process.exit(7);
        if (throwOn.includes(sample.path)) throw new RangeError('augmentation out of range');
        if (bad.includes(sample.path)) throw new ImageDecodeError(sample.path, 'not a JPEG');
        const jitter = sample.random.next();
        return {
          ...sample,
          image: {
            data: new Float32Array(side * side * 3).fill(sample.index).fill(sample.index + jitter, side * side * 3 - 1),
            width: side,
            height: side,
          },
        };
      }),
    ),
  );
}
