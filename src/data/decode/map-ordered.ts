import { Observable, type OperatorFunction } from 'rxjs';

/**
 * Maps each value through an async `project`, running at most `concurrency` of them at once, and
 * emits the results in input order (so the stream is the same whatever the completion timing).
 * `project` returning `undefined` drops the value. At most `concurrency` results wait to be emitted.
 */
export function mapOrdered<A, B>(
  project: (value: A) => Promise<B | undefined>,
  concurrency: number,
): OperatorFunction<A, B> {
  return (source) =>
    new Observable<B>((subscriber) => {
      const waiting: A[] = [];
      const running: Array<{ done: boolean; result?: B | undefined }> = [];
      let sourceDone = false;

      const drain = (): void => {
        while (running.length > 0 && running[0]!.done) {
          const { result } = running.shift()!;
          if (result !== undefined) subscriber.next(result);
        }
        while (running.length < concurrency && waiting.length > 0) start(waiting.shift()!);
        if (sourceDone && running.length === 0 && waiting.length === 0) subscriber.complete();
      };

      const start = (value: A): void => {
        const slot: { done: boolean; result?: B | undefined } = { done: false };
        running.push(slot);
        project(value).then(
          (result) => {
            if (subscriber.closed) return;
            slot.done = true;
            slot.result = result;
            drain();
          },
          (error) => subscriber.error(error),
        );
      };

      const subscription = source.subscribe({
        next: (value) => {
          waiting.push(value);
          drain();
        },
        error: (error) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          drain();
        },
      });
      return () => {
        subscription.unsubscribe();
        waiting.length = 0;
      };
    });
}
