import type { Skipped } from '../batch-types.js';
import type { Entry, Sample } from '../sample-types.js';
import type { TransformedSample } from './collate.js';
import { runSample, type Outcome, type RunningSample, type SampleTransform } from './run-sample.js';

/** A batch whose samples are all transformed, not yet collated into tensors. */
export interface PendingBatch {
  readonly samples: TransformedSample[];
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
  readonly onBadImage: 'skip' | 'fail';
  readonly monitor?: (stats: PumpStats) => void;
}

/**
 * Transforms one epoch's entries, in the given order, into batches, starting work only as the
 * consumer makes room. Samples are assembled strictly in order, whatever the order they finish in.
 * A completed batch is released when the next accepted sample exists (so bad files behind it
 * belong to the next batch) or the epoch has ended (so the last batch carries them); with
 * `dropLast` the next batch must be complete, since otherwise it is dropped and this one is last.
 *
 * Bounds: at most `concurrency` samples in the transform, and transformed-but-undelivered plus
 * in-flight samples at most `(prefetch + 1) × batchSize + lookahead − 1`, so at most `prefetch`
 * released batches wait for the consumer.
 */
export class BatchPump {
  private readonly results: (Outcome | undefined)[];
  private readonly running = new Map<number, RunningSample>();
  private readonly ready: PendingBatch[] = [];
  /** The epoch's last batches, released only as the consumer makes room. */
  private readonly tail: PendingBatch[] = [];
  private readonly window: number;
  private readonly lookahead: number;
  private launched = 0;
  private assembled = 0;
  private held = 0;
  private filling: PendingBatch = { samples: [], skipped: [] };
  private complete: PendingBatch | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly sampleOf: (entry: Entry) => Sample<undefined>,
    private readonly transform: SampleTransform,
    private readonly options: PumpOptions,
  ) {
    this.results = new Array(entries.length);
    this.lookahead = options.dropLast ? options.batchSize : 1;
    this.window = (options.prefetch + 1) * options.batchSize + this.lookahead - 1;
    if (entries.length === 0) this.ended = true;
    this.fill();
  }

  /** The next batch in order, or `undefined` after the last. Only one call may wait at a time. */
  async next(): Promise<PendingBatch | undefined> {
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

  /** Stops: unsubscribes every sample in the transform and drops everything held. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const sample of this.running.values()) sample.cancel();
    this.running.clear();
    this.ready.length = 0;
    this.tail.length = 0;
    this.results.length = 0;
    this.filling = { samples: [], skipped: [] };
    this.complete = undefined;
    this.held = 0;
    this.signal();
  }

  private fill(): void {
    const { concurrency, onBadImage } = this.options;
    while (!this.closed && !this.failure && this.launched < this.entries.length && this.running.size < concurrency && this.held + this.running.size < this.window) {
      const position = this.launched++;
      const running = runSample(this.sampleOf(this.entries[position]), this.transform, onBadImage);
      this.running.set(position, running);
      running.outcome.then(
        (outcome) => this.finished(position, outcome),
        (error: unknown) => this.fail(error),
      );
    }
    this.report();
  }

  private finished(position: number, outcome: Outcome): void {
    if (this.closed || this.failure) return;
    this.running.delete(position);
    this.results[position] = outcome;
    if ('sample' in outcome) this.held += 1;
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
    }
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
    for (const sample of this.running.values()) sample.cancel();
    this.running.clear();
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private report(): void {
    this.options.monitor?.({ ready: this.ready.length, inFlight: this.running.size, held: this.held });
  }
}
