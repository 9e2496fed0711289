import { seededRandom } from '../../src/data/random.js';

export interface ShapesDataset {
  /** `count` images, HWC float32 in [0, 1], one after another. */
  readonly images: Float32Array;
  /** 0 = bright disc, 1 = bright bar. */
  readonly labels: number[];
}

/** Two classes on uniform noise: a bright disc or a bright bar, at random places and sizes. */
export function shapesDataset(count: number, size: number, seed: number): ShapesDataset {
  const random = seededRandom(seed);
  const images = new Float32Array(count * size * size * 3);
  const labels: number[] = [];
  for (let n = 0; n < count; n++) {
    const label = n % 2;
    labels.push(label);
    const radius = size * (0.12 + 0.1 * random.next());
    const cx = radius + random.next() * (size - 2 * radius);
    const cy = radius + random.next() * (size - 2 * radius);
    const vertical = random.next() < 0.5;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const inside =
          label === 0
            ? (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2
            : vertical
              ? Math.abs(x - cx) <= radius / 4 && Math.abs(y - cy) <= radius * 1.6
              : Math.abs(y - cy) <= radius / 4 && Math.abs(x - cx) <= radius * 1.6;
        for (let c = 0; c < 3; c++) {
          const noise = random.next() * 0.5;
          images[((n * size + y) * size + x) * 3 + c] = inside ? 0.5 + noise : noise;
        }
      }
    }
  }
  return { images, labels };
}
