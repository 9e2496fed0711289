import type { Random } from '../sample-types.js';

/**
 * Memory a sample's final float image may be written into (a loader worker's slot of batch
 * memory), keyed by the sample's own generator, which travels with it through every operator.
 */
const destinations = new WeakMap<Random, Float32Array>();

/** The sample drawing from `random` may have its final image written into `memory`. */
export function writeFinalImageInto(random: Random, memory: Float32Array): void {
  destinations.set(random, memory);
}

/** The memory for `length` values of the sample drawing from `random`, if it has some of that size. */
export function finalImageMemory(random: Random, length: number): Float32Array | undefined {
  const memory = destinations.get(random);
  return memory !== undefined && memory.length === length ? memory : undefined;
}
