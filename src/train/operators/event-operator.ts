import { Observable, type MonoTypeOperatorFunction, type Subscriber } from 'rxjs';
import type { TrainEvent } from '../loop/index.js';

export interface EventHandlers {
  /** Receives each upstream event; forwards it with `out.next` itself. Default: forward. */
  next?(event: TrainEvent): void;
  /** Runs when the subscription ends, however it ends. */
  teardown?(): void;
}

/**
 * The helper every event operator is built on: `init` runs once per subscription (so operator state
 * is per run, never shared between subscribers) and returns how to handle each event.
 */
export function eventOperator(
  init: (out: Subscriber<TrainEvent>) => EventHandlers,
): MonoTypeOperatorFunction<TrainEvent> {
  return (source) =>
    new Observable<TrainEvent>((out) => {
      const handlers = init(out);
      const subscription = source.subscribe({
        next: (event) => (handlers.next ? handlers.next(event) : out.next(event)),
        error: (error: unknown) => out.error(error),
        complete: () => out.complete(),
      });
      return () => {
        subscription.unsubscribe();
        handlers.teardown?.();
      };
    });
}
