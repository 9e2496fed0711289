import type { Entry } from '../../sample-types.js';
import type { WorkerRecipe } from '../worker-transform.js';

/** Consecutive entries of one epoch for one worker to transform, and where to write them. */
export interface ChunkTask {
  /** Identifies the recipe in the worker's cache of built transforms. */
  readonly recipeId: number;
  readonly recipe: WorkerRecipe;
  readonly seed: number;
  readonly epoch: number;
  readonly onBadImage: 'skip' | 'fail';
  /** Entries with their encoded `bytes` when they carry them (a shard's members, moved here, not copied). */
  readonly entries: readonly Entry[];
  /** The batch-memory slot of each entry, or -1 to send the image back (before the slot size is known). */
  readonly slots: readonly number[];
  /** The epoch's batch memory (float32 slots of `slotFloats` values). */
  readonly memory: SharedArrayBuffer | undefined;
  readonly slotFloats: number;
  /** Int32 flags: [0] the epoch was cancelled; [1 + i] entry i started (1) or finished (2). */
  readonly progress: SharedArrayBuffer;
  /** Entries of this chunk transformed at once. */
  readonly concurrency: number;
}

/** What became of one entry of a chunk. */
export type ChunkOutcome =
  | { readonly kind: 'written'; readonly shape: readonly number[] }
  | { readonly kind: 'image'; readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: string }
  | { readonly kind: 'failed'; readonly path: string; readonly reason: string; readonly decode: boolean }
  | { readonly kind: 'cancelled' };

export const CANCELLED = 0;
export const progressIndex = (entry: number): number => 1 + entry;
export const STARTED = 1;
export const FINISHED = 2;
