import type { Skipped } from '../batch-types.js';
import type { Entry } from '../sample-types.js';
import type { Outcome, RunningChunk, SampleRunner } from './sample-runner.js';

/** What an epoch is made of: an entry to transform, or one already known to be skipped (a corrupt shard member). */
export type PumpItem = Entry | { readonly skipped: Skipped };

/** An epoch's items: all at hand (a listing), or arriving as they are read (a stream of shards). */
export type PumpSource = Iterable<PumpItem> | AsyncIterable<PumpItem>;

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

/** Read-ahead, transformed-but-undelivered and in-flight samples at most: `(prefetch + 1) × batchSize + lookahead − 1`. */
export const pumpWindow = ({
  batchSize,
  prefetch,
  dropLast,
}: Pick<PumpOptions, 'batchSize' | 'prefetch' | 'dropLast'>): number =>
  (prefetch + 1) * batchSize + (dropLast ? batchSize : 1) - 1;

/**
 * Transforms one epoch's items, in the given order, into batches (through `runner`, by chunks of
 * consecutive entries), reading items and starting work only as the consumer makes room. Samples
 * are assembled strictly in order, whatever the order they finish in; an item already skipped
 * takes its place among them.
 * A completed batch is released when the next accepted sample exists (so bad files behind it
 * belong to the next batch) or the epoch has ended (so the last batch carries them); with
 * `dropLast` the next batch must be complete, since otherwise it is dropped and this one is last.
 *
 * Bounds: at most `concurrency` samples in the transform, and read-ahead, transformed-but-undelivered
 * and in-flight samples at most `(prefetch + 1) × batchSize + lookahead − 1`, so at most `prefetch`
 * released batches wait for the consumer.
 */
export class BatchPump<S> {
  /** Outcomes by position, until assembled. */
  private readonly results = new Map<number, Outcome<S>>();
  /** Items read from the source, not yet started. */
  private readonly queue: PumpItem[] = [];
  private readonly syncItems: Iterator<PumpItem> | undefined;
  private readonly asyncItems: AsyncIterator<PumpItem> | undefined;
  private sourceDone = false;
  private pulling = false;
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
    source: PumpSource,
    private readonly runner: SampleRunner<S>,
    private readonly options: PumpOptions,
  ) {
    if (Symbol.asyncIterator in source) this.asyncItems = source[Symbol.asyncIterator]();
    else this.syncItems = source[Symbol.iterator]();
    this.lookahead = options.dropLast ? options.batchSize : 1;
    this.window = pumpWindow(options);
    this.fill();
  }

  /** Items taken from the source so far (all of the epoch's, once it has ended). */
  get taken(): number {
    return this.launched;
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
    this.asyncItems?.return?.().catch(() => {});
    this.ready.length = 0;
    this.tail.length = 0;
    this.queue.length = 0;
    this.results.clear();
    this.filling = { samples: [], skipped: [] };
    this.complete = undefined;
    this.held = 0;
    this.signal();
  }

  /**
   * Starts chunks while there is room: at most `concurrency` entries in flight, held plus in-flight
   * samples within the window, and what the runner can take. A chunk shorter than the runner's
   * size starts only when no more entries can follow it (the epoch's end, or a skipped item next)
   * or when nothing else is running.
   */
  private fill(): void {
    const { concurrency } = this.options;
    while (!this.closed && !this.failure) {
      this.pull();
      this.placeSkipped();
      const leading = this.leadingEntries();
      const bounded = this.sourceDone || leading < this.queue.length;
      const count = Math.min(
        this.runner.chunkSize,
        leading,
        concurrency - this.inFlight,
        this.window - this.held - this.inFlight,
        this.runner.room(),
      );
      if (count <= 0 || (count < Math.min(this.runner.chunkSize, bounded ? leading : Infinity) && this.inFlight > 0))
        break;
      const first = this.launched;
      this.launched += count;
      this.inFlight += count;
      const chunk = this.runner.start(this.queue.splice(0, count) as Entry[]);
      this.running.set(first, chunk);
      chunk.outcomes.then(
        (outcomes) => this.finished(first, outcomes),
        (error: unknown) => this.fail(error),
      );
    }
    this.pull();
    this.report();
  }

  /** Reads items ahead while read-ahead, held and in-flight samples are within the window. */
  private pull(): void {
    const wanted = () =>
      !this.sourceDone && !this.closed && !this.failure && this.queue.length + this.held + this.inFlight < this.window;
    if (this.syncItems) {
      while (wanted()) {
        const item = this.syncItems.next();
        if (item.done) this.sourceDone = true;
        else this.queue.push(item.value);
      }
      return this.checkEnd();
    }
    if (this.pulling || !wanted()) return;
    this.pulling = true;
    this.asyncItems!.next().then(
      (item) => {
        this.pulling = false;
        if (this.closed || this.failure) return;
        if (item.done) this.sourceDone = true;
        else this.queue.push(item.value);
        this.fill();
        this.checkEnd();
        this.signal();
      },
      (error: unknown) => {
        this.pulling = false;
        this.fail(error);
      },
    );
  }

  /** Skipped items at the head of the queue take their positions at once. */
  private placeSkipped(): void {
    let placed = false;
    for (let item = this.queue[0]; item && 'skipped' in item; item = this.queue[0]) {
      this.queue.shift();
      this.results.set(this.launched++, item);
      placed = true;
    }
    if (placed) this.assemble();
  }

  private leadingEntries(): number {
    const skipped = this.queue.findIndex((item) => 'skipped' in item);
    return skipped < 0 ? this.queue.length : skipped;
  }

  private finished(first: number, outcomes: readonly Outcome<S>[]): void {
    if (this.closed || this.failure) return;
    this.running.delete(first);
    this.inFlight -= outcomes.length;
    outcomes.forEach((outcome, i) => {
      this.results.set(first + i, outcome);
      if ('sample' in outcome) this.held += 1;
    });
    this.assemble();
    this.fill();
    this.signal();
  }

  private assemble(): void {
    const { batchSize } = this.options;
    for (let outcome = this.results.get(this.assembled); outcome; outcome = this.results.get(this.assembled)) {
      this.results.delete(this.assembled++);
      if ('skipped' in outcome) this.filling.skipped.push(outcome.skipped);
      else this.filling.samples.push(outcome.sample);
      if (this.complete && this.filling.samples.length >= this.lookahead) this.release();
      if (this.filling.samples.length === batchSize) {
        this.complete = this.filling;
        this.filling = { samples: [], skipped: [] };
      }
    }
    this.checkEnd();
  }

  /** The epoch ends once the source has and every item taken is assembled. */
  private checkEnd(): void {
    if (!this.ended && this.sourceDone && this.queue.length === 0 && this.assembled === this.launched) this.end();
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
