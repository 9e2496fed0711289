/**
 * Batch memory shared with the workers: `slots` float32 slots of `slotFloats` values each, one per
 * sample from its launch until its batch is collated. Slots are handed out in order around the
 * ring, so the samples of a batch without skipped files lie side by side (one view, no gather).
 */
export class SampleRing {
  readonly memory: SharedArrayBuffer;
  readonly values: Float32Array;
  private readonly used: Uint8Array;
  private cursor = 0;
  private inUse = 0;

  constructor(
    readonly slots: number,
    readonly slotFloats: number,
  ) {
    this.memory = new SharedArrayBuffer(slots * slotFloats * 4);
    this.values = new Float32Array(this.memory);
    this.used = new Uint8Array(slots);
  }

  get free(): number {
    return this.slots - this.inUse;
  }

  /** The next free slot around the ring (there must be one). */
  take(): number {
    while (this.used[this.cursor]) this.cursor = (this.cursor + 1) % this.slots;
    const slot = this.cursor;
    this.used[slot] = 1;
    this.inUse += 1;
    this.cursor = (this.cursor + 1) % this.slots;
    return slot;
  }

  release(slot: number): void {
    if (!this.used[slot]) return;
    this.used[slot] = 0;
    this.inUse -= 1;
  }

  /** The values of `count` slots from `first` on. */
  view(first: number, count: number): Float32Array {
    return this.values.subarray(first * this.slotFloats, (first + count) * this.slotFloats);
  }
}
