import type { Random, RawImage } from '../../data/index.js';

/** The demo's two classes, in label order. */
export const DEMO_CLASSES = ['cat', 'dog'] as const;

const WARM = [200, 120, 60] as const;
const COOL = [60, 120, 200] as const;

const integer = (random: Random, low: number, high: number): number =>
  low + Math.floor(random.next() * (high - low + 1));

function gaussian(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** Smooth colour texture: a coarse grid of random colours, bilinearly enlarged, plus pixel noise. */
function texture(width: number, height: number, random: Random): Float32Array {
  const gw = Math.floor(width / 16) + 2;
  const gh = Math.floor(height / 16) + 2;
  const grid = Float32Array.from({ length: gw * gh * 3 }, () => random.next() * 255);
  const pixels = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const gy = (y / (height - 1 || 1)) * (gh - 1);
    const y0 = Math.min(Math.floor(gy), gh - 2);
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = (x / (width - 1 || 1)) * (gw - 1);
      const x0 = Math.min(Math.floor(gx), gw - 2);
      const fx = gx - x0;
      for (let c = 0; c < 3; c++) {
        const at = (yy: number, xx: number) => grid[(yy * gw + xx) * 3 + c]!;
        const top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx;
        const bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx;
        pixels[(y * width + x) * 3 + c] = (top * (1 - fy) + bottom * fy) * 0.6 + gaussian(random) * 12;
      }
    }
  }
  return pixels;
}

/**
 * One synthetic "cat" (label 0: warm discs) or "dog" (label 1: cool vertical bars) on smooth random
 * texture, 96–160 × 80–134 px: learnable from the pixels, never from anything else. Every number
 * comes from `random`, so the same generator state gives the same image.
 */
export function demoImage(label: 0 | 1, random: Random): RawImage {
  const width = integer(random, 96, 160);
  const height = integer(random, 80, 134);
  const pixels = texture(width, height, random);
  const shapes = integer(random, 2, 4);
  for (let s = 0; s < shapes; s++) {
    const cy = integer(random, 0, height - 1);
    const cx = integer(random, 0, width - 1);
    const r = integer(random, 7, 23);
    const colour = label === 0 ? WARM : COOL;
    for (let y = Math.max(0, cy - r); y < Math.min(height, cy + r + 1); y++) {
      for (let x = Math.max(0, cx - r); x < Math.min(width, cx + r + 1); x++) {
        const inside =
          label === 0
            ? (y - cy) ** 2 + (x - cx) ** 2 < r * r
            : Math.abs(y - cy) < r && Math.abs(x - cx) < Math.floor(r / 3);
        if (!inside) continue;
        for (let c = 0; c < 3; c++) {
          const i = (y * width + x) * 3 + c;
          pixels[i] = pixels[i]! * 0.4 + colour[c]! * 0.6;
        }
      }
    }
  }
  const data = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(pixels[i]!)));
  return { data, width, height };
}
