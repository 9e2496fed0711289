import type { Random } from './sample-types.js';

/** The seed of a run's split, shuffles, augmentation and initialisation when none is given (the course script's). */
export const DEFAULT_SEED = 620;

const mix32 = (h: number): number => {
  h = Math.imul(h ^ (h >>> 16), 0x21f0aaad);
  h = Math.imul(h ^ (h >>> 15), 0x735a2d97);
  return (h ^ (h >>> 15)) >>> 0;
};

/** Hashes any number of integer keys (seed, epoch, index, ...) to one 32-bit value. */
export function hashKeys(...keys: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    h = mix32(h ^ mix32((key | 0) + 0x7f4a7c15));
    h = mix32(h ^ mix32(Math.floor(key / 2 ** 32) | 0));
  }
  return h;
}

/** A random generator whose state can be read and restored (for checkpoints). */
export interface SeededRandom extends Random {
  state(): readonly [number, number, number, number];
}

/** sfc32, seeded from the hash of `keys`: the same keys always give the same sequence. */
export function seededRandom(...keys: readonly number[]): SeededRandom {
  const h = hashKeys(...keys);
  const generator = fromState([h, mix32(h + 1), mix32(h + 2), 1]);
  for (let i = 0; i < 12; i++) generator.next();
  return generator;
}

/** A generator continuing from a state returned by `state()`. */
export function fromState(state: readonly [number, number, number, number]): SeededRandom {
  let [a, b, c, d] = state;
  return {
    next() {
      a >>>= 0;
      b >>>= 0;
      c >>>= 0;
      d >>>= 0;
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4294967296;
    },
    state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0],
  };
}
