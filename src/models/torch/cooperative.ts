import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { inflateRaw, inflateRawSync } from 'node:zlib';

/** What a parse step asks of its driver: a turn of the event loop, or inflating a deflated entry. */
export type Effect =
  | { readonly kind: 'pause' }
  | { readonly kind: 'inflate'; readonly data: Uint8Array; readonly maxOutputLength: number };

/** A parse written as a generator, so that one body runs synchronously or in slices. */
export type Work<T> = Generator<Effect, T, Uint8Array | undefined>;

export const PAUSE: Effect = Object.freeze({ kind: 'pause' });

/** Inflates through the driver; the deflated bytes are the caller's, the result is a new array. */
export function* inflate(data: Uint8Array, maxOutputLength: number): Work<Uint8Array> {
  const inflated = yield { kind: 'inflate', data, maxOutputLength };
  return inflated!;
}

/** Runs `work` to its end in one go. */
export function runSync<T>(work: Work<T>): T {
  let step = work.next();
  while (!step.done) {
    const effect = step.value;
    if (effect.kind === 'pause') {
      step = work.next();
      continue;
    }
    let inflated: Uint8Array;
    try {
      inflated = inflateRawSync(effect.data, { maxOutputLength: effect.maxOutputLength });
    } catch (error) {
      step = work.throw(error);
      continue;
    }
    step = work.next(inflated);
  }
  return step.value;
}

const inflateRawAsync = promisify(inflateRaw);
const SLICE_MS = 10;

/**
 * Runs `work` in slices of about 10 ms, yielding to the event loop between them (signal handlers
 * and timers run), inflating off the main thread, and stopping with `signal`'s reason when it aborts.
 */
export async function runAsync<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
  let sliceStart = performance.now();
  let step = work.next();
  while (!step.done) {
    const effect = step.value;
    let input: Uint8Array | undefined;
    try {
      if (effect.kind === 'inflate') {
        input = await inflateRawAsync(effect.data, { maxOutputLength: effect.maxOutputLength });
      } else if (performance.now() - sliceStart >= SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    } catch (error) {
      step = work.throw(error);
      continue;
    }
    if (signal?.aborted) {
      work.return(undefined as T);
      throw signal.reason;
    }
    step = work.next(input);
  }
  return step.value;
}
