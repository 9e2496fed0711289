import type * as tf from '@tensorflow/tfjs';
import type { Skipped } from '../batch-types.js';
import type { Entry } from '../sample-types.js';

/** What became of one entry: a transformed sample, or a skipped file and why. */
export type Outcome<S> = { readonly sample: S } | { readonly skipped: Skipped };

/** Entries on their way through the transform; `cancel` drops their outstanding work. */
export interface RunningChunk<S> {
  /** One outcome per entry, in the entries' order; rejects with the error that fails the epoch. */
  readonly outcomes: Promise<Outcome<S>[]>;
  cancel(): void;
}

/** Where samples are transformed: in process one at a time, or in worker threads by chunks. */
export interface SampleRunner<S> {
  /** Entries a chunk holds at most. */
  readonly chunkSize: number;
  /** Entries the runner can take now (its own resources, e.g. free batch memory). */
  room(): number;
  start(entries: readonly Entry[]): RunningChunk<S>;
  /** One batch's tensors (new, the caller's); what held the samples can be reused afterwards. */
  collate(samples: readonly S[]): { x: tf.Tensor; y: tf.Tensor1D };
  /** Stops: outstanding work is dropped. */
  close(): void;
}
