import type { Skipped } from '../batch-types.js';
import type { Entry } from '../sample-types.js';
import type { Outcome, RunningChunk, SampleRunner } from './sample-runner.js';

/** A batch whose samples are all transformed, not yet collated into tensors. */
export interface PendingBatch<S> {
  readonly samples: S[];
  readonly skipped: Skipped[];
}

/** The pump's state at a moment: what it holds and what it is working on. */
export interface PumpStats {
  /** Finished batches waiting for the consumer (≤ prefetch). */
  readonly ready: number;
  /** Samples in the transform right now (≤ concurrency). */
  readonly inFlight: number;
  /** Transformed samples held but not yet handed over (≤ the window). */
  readonly held: number;
}

export interface PumpOptions {
  readonly batchSize: number;
  readonly dropLast: boolean;
  readonly prefetch: number;
  readonly concurrency: number;
  readonly monitor?: ((stats: PumpStats) => void) | undefined;
}

/** Transformed-but-undelivered plus in-flight samples at most: `(prefetch + 1) × batchSize + lookahead − 1`. */
export const pumpWindow = ({ batchSize, prefetch, dropLast }: Pick<PumpOptions, 'batchSize' | 'prefetch' | 'dropLast'>): number =>
  (prefetch + 1) * batchSize + (dropLast ? batchSize : 1) - 1;

/**
 * Transforms one epoch's entries, in the given order, into batches (through `runner`, by chunks of
 * consecutive entries), starting work only as the consumer makes room. Samples are assembled strictly in order, whatever the order they finish in.
 * A completed batch is released when the next accepted sample exists (so bad files behind it
 * belong to the next batch) or the epoch has ended (so the last batch carries them); with
 * `dropLast` the next batch must be complete, since otherwise it is dropped and this one is last.
 *
 * Bounds: at most `concurrency` samples in the transform, and transformed-but-undelivered plus
 * in-flight samples at most `(prefetch + 1) × batchSize + lookahead − 1`, so at most `prefetch`
 * released batches wait for the consumer.
 */
export class BatchPump<S> {
  private readonly results: (Outcome<S> | undefined)[];
  private readonly running = new Map<number, RunningChunk<S>>();
  private inFlight = 0;
  private readonly ready: PendingBatch<S>[] = [];
  /** The epoch's last batches, released only as the consumer makes room. */
  private readonly tail: PendingBatch<S>[] = [];
  private readonly window: number;
  private readonly lookahead: number;
  private launched = 0;
  private assembled = 0;
  private held = 0;
  private filling: PendingBatch<S> = { samples: [], skipped: [] };
  /** Skipped files no batch carries: the epoch formed no batch. */
  readonly unbatched: Skipped[] = [];
  private complete: PendingBatch<S> | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly runner: SampleRunner<S>,
    private readonly options: PumpOptions,
  ) {
    this.results = new Array<Outcome<S> | undefined>(entries.length);
    this.lookahead = options.dropLast ? options.batchSize : 1;
    this.window = pumpWindow(options);
    if (entries.length === 0) this.ended = true;
    this.fill();
  }

  /** The next batch in order, or `undefined` after the last. Only one call may wait at a time. */
  async next(): Promise<PendingBatch<S> | undefined> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      const batch = this.ready.shift();
      if (batch) {
        this.held -= batch.samples.length;
        this.promoteTail();
        this.fill();
        return batch;
      }
      if ((this.ended && this.tail.length === 0) || this.closed) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<PendingBatch<S>> {
    for (let batch = await this.next(); batch; batch = await this.next()) yield batch;
  }

  /** Starts more work if the runner has made room (e.g. batch memory freed once a batch is collated). */
  resume(): void {
    this.fill();
  }

  /** Stops: drops the work of every sample in the transform and everything held. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dropRunning();
    this.runner.close();
    this.ready.length = 0;
    this.tail.length = 0;
    this.results.length = 0;
    this.filling = { samples: [], skipped: [] };
    this.complete = undefined;
    this.held = 0;
    this.signal();
  }

  /**
   * Starts chunks while there is room: at most `concurrency` entries in flight, held plus in-flight
   * samples within the window, and what the runner can take. A chunk shorter than the runner's
   * size starts only at the epoch's end or when nothing else is running.
   */
  private fill(): void {
    const { concurrency } = this.options;
    while (!this.closed && !this.failure && this.launched < this.entries.length) {
      const remaining = this.entries.length - this.launched;
      const count = Math.min(this.runner.chunkSize, remaining, concurrency - this.inFlight, this.window - this.held - this.inFlight, this.runner.room());
      if (count <= 0 || (count < Math.min(this.runner.chunkSize, remaining) && this.inFlight > 0)) break;
      const first = this.launched;
      this.launched += count;
      this.inFlight += count;
      const chunk = this.runner.start(this.entries.slice(first, first + count));
      this.running.set(first, chunk);
      chunk.outcomes.then(
        (outcomes) => this.finished(first, outcomes),
        (error: unknown) => this.fail(error),
      );
    }
    this.report();
  }

  private finished(first: number, outcomes: readonly Outcome<S>[]): void {
    if (this.closed || this.failure) return;
    this.running.delete(first);
    this.inFlight -= outcomes.length;
    outcomes.forEach((outcome, i) => {
      this.results[first + i] = outcome;
      if ('sample' in outcome) this.held += 1;
    });
    this.assemble();
    this.fill();
    this.signal();
  }

  private assemble(): void {
    const { batchSize } = this.options;
    for (let outcome = this.results[this.assembled]; outcome; outcome = this.results[this.assembled]) {
      this.results[this.assembled++] = undefined;
      if ('skipped' in outcome) this.filling.skipped.push(outcome.skipped);
      else this.filling.samples.push(outcome.sample);
      if (this.complete && this.filling.samples.length >= this.lookahead) this.release();
      if (this.filling.samples.length === batchSize) {
        this.complete = this.filling;
        this.filling = { samples: [], skipped: [] };
      }
    }
    if (this.assembled === this.entries.length) this.end();
  }

  private release(): void {
    this.ready.push(this.complete!);
    this.complete = undefined;
  }

  private end(): void {
    const last = this.filling;
    const keepsPartial = !this.options.dropLast && last.samples.length > 0;
    if (this.complete) {
      if (!keepsPartial) this.complete.skipped.push(...last.skipped);
      this.tail.push(this.complete);
      this.complete = undefined;
    } else if (!keepsPartial) this.unbatched.push(...last.skipped);
    if (keepsPartial) this.tail.push(last);
    else this.held -= last.samples.length;
    this.filling = { samples: [], skipped: [] };
    this.ended = true;
    this.promoteTail();
  }

  private promoteTail(): void {
    while (this.tail.length > 0 && this.ready.length < this.options.prefetch) this.ready.push(this.tail.shift()!);
  }

  private fail(error: unknown): void {
    if (this.closed || this.failure) return;
    this.failure = { error };
    this.dropRunning();
    this.signal();
  }

  private dropRunning(): void {
    for (const chunk of this.running.values()) chunk.cancel();
    this.running.clear();
    this.inFlight = 0;
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private report(): void {
    this.options.monitor?.({ ready: this.ready.length, inFlight: this.inFlight, held: this.held });
  }
}
