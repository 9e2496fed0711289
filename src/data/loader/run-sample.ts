import { of, type OperatorFunction } from 'rxjs';
import { ImageDecodeError } from '../errors.js';
import type { Sample } from '../sample-types.js';
import { checkTransformOutput } from './check-output.js';
import type { TransformedSample } from './collate.js';
import type { Outcome } from './sample-runner.js';

/** The augmentation pipeline, applied to one sample at a time by the loader. */
export type SampleTransform = OperatorFunction<Sample<undefined>, TransformedSample>;

/** A sample on its way through the transform; `cancel` unsubscribes it (stopping its timers and pending work). */
export interface RunningSample {
  readonly outcome: Promise<Outcome<TransformedSample>>;
  cancel(): void;
}

/**
 * Runs `sample` alone through `transform`. The last value it emits is the result; a transform that
 * emits nothing (a decoder that skipped the file) or fails with `ImageDecodeError` under the `skip`
 * policy gives a skipped outcome; any other error rejects, as does an output that cannot be
 * batched (`SampleOutputError`).
 */
export function runSample(
  sample: Sample<undefined>,
  transform: SampleTransform,
  onBadImage: 'skip' | 'fail',
): RunningSample {
  let cancelled = false;
  let unsubscribe = (): void => void (cancelled = true);
  const outcome = new Promise<Outcome<TransformedSample>>((resolve, reject) => {
    let last: TransformedSample | undefined;
    const subscription = of(sample)
      .pipe(transform)
      .subscribe({
        next: (value) => void (last = value),
        error: (error: unknown) => {
          if (error instanceof ImageDecodeError && onBadImage === 'skip')
            resolve({ skipped: { path: error.path, reason: error.reason } });
          else reject(error);
        },
        complete: () => {
          if (!last)
            return resolve({ skipped: { path: sample.path, reason: 'the transform emitted no image for it' } });
          try {
            resolve({ sample: checkTransformOutput(last) });
          } catch (error) {
            reject(error);
          }
        },
      });
    if (cancelled) subscription.unsubscribe();
    unsubscribe = () => subscription.unsubscribe();
  });
  return { outcome, cancel: () => unsubscribe() };
}
