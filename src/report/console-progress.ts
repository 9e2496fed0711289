import { tap, type MonoTypeOperatorFunction } from 'rxjs';
import type { TrainEvent } from '../train/index.js';
import { formatEvent } from './format-events.js';
import { formatBar, formatValidatingBar, type StatusSink } from './progress-bar.js';
import { checkArgument, positiveInteger } from '../util/index.js';

export interface ConsoleProgressOptions {
  /** The run's total epochs, printed as `Epoch[000/003]`. */
  readonly epochs: number;
  /** Print every `logInterval`-th step of an epoch (and its last); default 1, as the seed. */
  readonly logInterval?: number | undefined;
  /** Where lines go; default: standard output. */
  readonly write?: (line: string) => void;
  /** Also draw every step as a status line redrawn in place (e.g. `terminalSink()`); lines then go to its `line`. */
  readonly bar?: StatusSink | undefined;
  /**
   * Print validation progress each tenth (default true). `false` (a log, not a terminal) leaves
   * only the line validation ends with.
   */
  readonly validatingLines?: boolean;
}

const writeStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * Prints each event as the seed's console lines do (steps every `logInterval`-th iteration and at
 * each epoch's end, with elapsed time and the epoch's ETA; validation progress each tenth), and
 * with `bar` every step and validation progress as a status line in between; passes events on unchanged.
 */
export function consoleProgress(options: ConsoleProgressOptions): MonoTypeOperatorFunction<TrainEvent> {
  const { epochs, logInterval = 1, bar, validatingLines = true } = options;
  const write = bar ? (line: string) => bar.line(line) : (options.write ?? writeStdout);
  checkArgument('consoleProgress', 'logInterval', logInterval, positiveInteger);
  return tap((event) => {
    if (event.kind === 'validating' && bar) return bar.status(formatValidatingBar(event, epochs));
    if (event.kind === 'validating' && !validatingLines) return;
    const logged = event.kind !== 'step' || event.iteration % logInterval === 0 || event.iteration === event.iterations;
    if (logged) write(formatEvent(event, epochs));
    if (bar && event.kind === 'step' && event.iteration !== event.iterations) bar.status(formatBar(event, epochs));
  });
}
