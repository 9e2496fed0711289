import { tap, type MonoTypeOperatorFunction } from 'rxjs';
import type { TrainEvent } from '../train/events.js';
import { formatEvent } from './format-events.js';

export interface ConsoleProgressOptions {
  /** The run's total epochs, printed as `Epoch[000/003]`. */
  readonly epochs: number;
  /** Print every `logInterval`-th step of an epoch (and its last); default 1, as the seed. */
  readonly logInterval?: number;
  /** Where lines go; default: standard output. */
  readonly write?: (line: string) => void;
}

const writeStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Prints each event as the seed's console lines do; passes every event on unchanged. */
export function consoleProgress(options: ConsoleProgressOptions): MonoTypeOperatorFunction<TrainEvent> {
  const { epochs, logInterval = 1, write = writeStdout } = options;
  if (!Number.isInteger(logInterval) || logInterval < 1) {
    throw new RangeError(`consoleProgress: logInterval must be a positive integer, got ${logInterval}`);
  }
  return tap((event) => {
    if (event.kind === 'step' && event.iteration % logInterval !== 0 && event.iteration !== event.iterations) return;
    write(formatEvent(event, epochs));
  });
}
