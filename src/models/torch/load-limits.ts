import { TorchCheckpointError } from '../errors.js';

/** Limits on reading a `torch.save` file. */
export interface TorchLoadOptions {
  /**
   * The most bytes a load may inflate from deflated zip entries, and the most float32 bytes it may
   * materialise, each in total. Default `TORCH_LOAD_MAX_BYTES` (2 GiB).
   */
  readonly maxBytes?: number;
  /**
   * Sees every tensor's key and shape once the pickle is read, before any storage is inflated or
   * copied; throwing refuses the file at that cost (e.g. `inferAlexNetOptions`).
   */
  readonly checkShapes?: (shapes: ReadonlyMap<string, { readonly shape: readonly number[] }>) => void;
  /** Stops an asynchronous load between slices of work. */
  readonly signal?: AbortSignal | undefined;
}

export const TORCH_LOAD_MAX_BYTES = 2 ** 31;

/**
 * Beyond what the file's storages hold, this many float32 bytes may be materialised for views that
 * overlap or repeat elements (a broadcast bias, a transposed copy of a shared storage).
 */
export const OVERLAP_ALLOWANCE_BYTES = 4 * 2 ** 20;

/** A running total charged against a cap, failing with the file named once the cap is passed. */
export class ByteBudget {
  private used = 0;

  constructor(
    readonly cap: number,
    readonly what: string,
    readonly file?: string,
  ) {}

  charge(bytes: number): void {
    this.used += bytes;
    if (this.used > this.cap) {
      throw new TorchCheckpointError(
        `${this.what}: ${this.used} bytes is more than the ${this.cap}-byte cap (maxBytes)`,
        this.file,
      );
    }
  }
}

export function maxBytesOf(options: TorchLoadOptions, file?: string): number {
  const maxBytes = options.maxBytes ?? TORCH_LOAD_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
    throw new TorchCheckpointError(`maxBytes: expected a non-negative integer, got ${maxBytes}`, file);
  return maxBytes;
}
