import * as tf from '@tensorflow/tfjs';
import type { Piscina } from 'piscina';
import { ImageDecodeError } from '../../errors.js';
import type { Entry } from '../../sample-types.js';
import { COPYING_BACKENDS } from '../collate.js';
import { BatchShapeError, SampleWorkerError } from '../errors.js';
import type { Outcome, RunningChunk, SampleRunner } from '../sample-runner.js';
import type { WorkerRecipe } from '../worker-transform.js';
import { CANCELLED, FINISHED, progressIndex, STARTED, type ChunkOutcome, type ChunkTask } from './chunk-task.js';
import { SampleRing } from './sample-ring.js';

/** A sample transformed by a worker: in a slot of the batch memory, or (before that exists) sent back. */
export interface SlottedSample extends Entry {
  readonly shape: readonly number[];
  readonly slot: number;
  readonly data?: Float32Array | undefined;
}

export interface WorkerRunnerOptions {
  readonly recipeId: number;
  readonly recipe: WorkerRecipe;
  readonly seed: number;
  readonly epoch: number;
  readonly onBadImage: 'skip' | 'fail';
  readonly batchSize: number;
  /** Samples held or in flight at most (the pump's window): the batch memory has room for these and one batch being collated. */
  readonly window: number;
  readonly chunkSize: number;
  /** Samples of one chunk a worker transforms at once. */
  readonly chunkConcurrency: number;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Runs chunks of samples in the pool's workers. The first sample runs alone and comes back, to
 * learn the sample size; then the epoch's batch memory is made and every later sample is written
 * there by its worker. Batches are collated from that memory: one view when their samples are
 * side by side, else gathered.
 */
export class WorkerRunner implements SampleRunner<SlottedSample> {
  readonly chunkSize: number;
  private ring: SampleRing | undefined;
  private probing = false;
  private readonly running = new Set<Int32Array>();
  private scratch: Float32Array | undefined;

  constructor(
    private readonly pool: Piscina,
    private readonly options: WorkerRunnerOptions,
  ) {
    this.chunkSize = options.chunkSize;
  }

  room(): number {
    if (!this.ring) return this.probing ? 0 : 1;
    return this.ring.free;
  }

  start(entries: readonly Entry[]): RunningChunk<SlottedSample> {
    const { recipeId, recipe, seed, epoch, onBadImage, chunkConcurrency } = this.options;
    const ring = this.ring;
    if (!ring) this.probing = true;
    const slots = entries.map(() => (ring ? ring.take() : -1));
    const progress = new SharedArrayBuffer(4 * (1 + entries.length));
    const flags = new Int32Array(progress);
    this.running.add(flags);
    const task: ChunkTask = {
      recipeId,
      recipe,
      seed,
      epoch,
      onBadImage,
      entries,
      slots,
      memory: ring?.memory,
      slotFloats: ring?.slotFloats ?? 0,
      progress,
      concurrency: chunkConcurrency,
    };
    const outcomes = (this.pool.run(task, { transferList: encodedBuffers(entries) }) as Promise<ChunkOutcome[]>).then(
      (results) => {
        this.running.delete(flags);
        return results.map((result, i) => this.outcome(result, entries[i]!, slots[i]!));
      },
      (error: unknown) => {
        this.running.delete(flags);
        throw new SampleWorkerError(
          culprit(entries, flags).path,
          `its worker stopped: ${(error as Error)?.message ?? String(error)}`,
        );
      },
    );
    return { outcomes, cancel: () => Atomics.store(flags, CANCELLED, 1) };
  }

  /** Tensors of one batch from the batch memory; the samples' slots are free again afterwards. */
  collate(samples: readonly SlottedSample[]): { x: tf.Tensor; y: tf.Tensor1D } {
    const shape = samples[0]!.shape;
    for (const sample of samples) {
      if (sample.shape.length !== shape.length || sample.shape.some((d, k) => d !== shape[k]))
        throw new BatchShapeError(sample.path, shape, sample.shape);
    }
    const n = samples.length;
    const each = size(shape);
    const copies = COPYING_BACKENDS.has(tf.getBackend());
    const first = samples[0]!.slot;
    const sideBySide = this.ring !== undefined && first >= 0 && samples.every((s, i) => s.slot === first + i);
    let data: Float32Array;
    if (sideBySide) {
      const view = this.ring!.view(first, n);
      data = copies ? view : view.slice();
    } else {
      if (copies && (this.scratch?.length ?? 0) < n * each) this.scratch = new Float32Array(n * each);
      data = copies ? this.scratch!.subarray(0, n * each) : new Float32Array(n * each);
      samples.forEach((s, i) => data.set(s.data ?? this.ring!.view(s.slot, 1), i * each));
    }
    const batch = {
      x: tf.tensor(data, [n, ...shape], 'float32'),
      y: tf.tensor1d(
        samples.map((s) => s.label),
        'int32',
      ),
    };
    for (const sample of samples) if (sample.slot >= 0) this.ring?.release(sample.slot);
    return batch;
  }

  close(): void {
    for (const flags of this.running) Atomics.store(flags, CANCELLED, 1);
    this.running.clear();
  }

  private outcome(result: ChunkOutcome, entry: Entry, slot: number): Outcome<SlottedSample> {
    if (result.kind !== 'written' && slot >= 0) this.ring?.release(slot);
    switch (result.kind) {
      case 'written':
        return { sample: { path: entry.path, label: entry.label, index: entry.index, shape: result.shape, slot } };
      case 'image':
        return { sample: this.keep(entry, result.shape, result.data) };
      case 'skipped':
        this.probing = false;
        return { skipped: { path: result.path, reason: result.reason } };
      case 'cancelled':
        return { skipped: { path: entry.path, reason: 'cancelled' } };
      case 'failed':
        throw result.decode
          ? new ImageDecodeError(result.path, result.reason)
          : new SampleWorkerError(result.path, `its transform failed in a worker: ${result.reason}`);
    }
  }

  /** A sample sent back: the first one sizes the batch memory and takes its first slot. */
  private keep(entry: Entry, shape: readonly number[], data: Float32Array): SlottedSample {
    const loose = { path: entry.path, label: entry.label, index: entry.index, shape, slot: -1, data };
    if (this.ring || shape[0] === -1) return loose;
    this.probing = false;
    const { batchSize, window } = this.options;
    this.ring = new SampleRing(Math.ceil((window + batchSize) / batchSize) * batchSize, data.length);
    const slot = this.ring.take();
    this.ring.view(slot, 1).set(data);
    return { ...loose, slot, data: undefined };
  }
}

/**
 * The buffers of the entries that carry their encoded bytes (a shard's members), moved to the
 * worker rather than copied: each must be the whole of its buffer, so nothing else is moved with it.
 */
function encodedBuffers(entries: readonly Entry[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const entry of entries) {
    const { bytes } = entry as { bytes?: Uint8Array };
    if (
      bytes &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength
    )
      buffers.add(bytes.buffer);
  }
  return [...buffers];
}

/** The entry a dead worker was on: the first started and unfinished, else the first unfinished. */
function culprit(entries: readonly Entry[], flags: Int32Array): Entry {
  const status = (i: number) => Atomics.load(flags, progressIndex(i));
  const index = entries.findIndex((_, i) => status(i) === STARTED);
  return entries[
    index >= 0
      ? index
      : Math.max(
          0,
          entries.findIndex((_, i) => status(i) !== FINISHED),
        )
  ]!;
}
