/** One file of a data set: where it is, its class, and its position in the source's listing. */
export interface Entry {
  readonly path: string;
  readonly label: number;
  readonly index: number;
}

/** A decoded image: 8-bit RGB, row-major HWC, `data.length === height * width * 3`. */
export interface RawImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** A float image after `toTensor`: RGB in [0, 1] (or normalised), row-major HWC. */
export interface FloatImage {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** A source of uniform random numbers in [0, 1), seeded and reproducible. */
export interface Random {
  next(): number;
}

/**
 * What flows through the augmentation operators: an entry, its image at the current stage, and
 * the sample's own random generator. Random operators draw only from `random`, which is derived
 * from (seed, epoch, index), so a sample's augmentation never depends on decode timing or order.
 */
export interface Sample<T> extends Entry {
  readonly image: T;
  readonly random: Random;
}
