import type { Entry } from '../sample-types.js';
import { SampleTimeoutError } from './errors.js';
import type { RunningChunk, SampleRunner } from './sample-runner.js';

/**
 * `runner`, with each chunk of samples given `timeout` ms per sample to settle: a transform that
 * never does (a pending promise, an endless observable, a busy loop in a worker) fails the epoch
 * with a `SampleTimeoutError` naming the file (or the files of its chunk), and its work is cancelled.
 */
export function timedRunner<S>(runner: SampleRunner<S>, timeout: number): SampleRunner<S> {
  if (timeout === 0) return runner;
  return Object.assign(Object.create(runner) as SampleRunner<S>, {
    start(entries: readonly Entry[]): RunningChunk<S> {
      const chunk = runner.start(entries);
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          chunk.cancel();
          reject(
            new SampleTimeoutError(
              entries.map((entry) => entry.path),
              timeout,
            ),
          );
        }, timeout * entries.length);
      });
      return {
        outcomes: Promise.race([chunk.outcomes, expired]).finally(() => clearTimeout(timer)),
        cancel: () => (clearTimeout(timer), chunk.cancel()),
      };
    },
  });
}
