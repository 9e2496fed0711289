import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { TrainEvent } from '../train/index.js';
import { EventLogWriteError } from './errors.js';

/**
 * Appends each event to `path` as one JSON line, written synchronously before the event is passed
 * on, so a crash loses at most the line being written. The file is opened on subscription (its
 * folder created) and closed when the stream ends or is unsubscribed; a failed write errors the
 * stream with `EventLogWriteError`. Non-finite numbers are
 * written as `null`, as JSON has no NaN.
 */
export function logJsonl(path: string): MonoTypeOperatorFunction<TrainEvent> {
  return (source) =>
    new Observable<TrainEvent>((subscriber) => {
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'a');
      const subscription = source.subscribe({
        next(event) {
          try {
            writeSync(fd, `${JSON.stringify(event)}\n`);
          } catch (error) {
            subscriber.error(new EventLogWriteError(path, error));
            return;
          }
          subscriber.next(event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        closeSync(fd);
      };
    });
}
