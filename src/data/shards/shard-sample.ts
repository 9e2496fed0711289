import type { Skipped } from '../batch-types.js';

/** One sample of a shard: its image member's bytes and its class, ready for `decodeImage`. */
export interface ShardSample {
  /** `<shard>#<image member>`, what batches and errors name. */
  readonly path: string;
  readonly label: number;
  /** The key's number when it is one (a written shard's position in its split), else a hash of shard and key: seeds its augmentation. */
  readonly index: number;
  /** The whole of its own buffer, so a loader worker is handed it without a copy. */
  readonly bytes: Uint8Array;
  readonly shard: string;
  readonly key: string;
}

/** A member or a shard that could not be used, naming both. */
export interface ShardSkipped extends Skipped {
  readonly shard: string;
  readonly member: string;
}

export type ShardItem = { readonly sample: ShardSample } | { readonly skipped: ShardSkipped };
