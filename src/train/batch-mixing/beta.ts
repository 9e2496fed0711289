import type { Random } from '../../data/index.js';

/** A standard normal draw (Box–Muller). */
function normal(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** A Gamma(shape, 1) draw: Marsaglia and Tsang's method, boosted for shapes below 1. */
function gamma(shape: number, random: Random): number {
  if (shape < 1) return gamma(shape + 1, random) * (1 - random.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v ** 3;
    const u = 1 - random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(a, b) draw in [0, 1], from two Gamma draws. */
export function sampleBeta(a: number, b: number, random: Random): number {
  const x = gamma(a, random);
  const y = gamma(b, random);
  return x + y === 0 ? 0.5 : x / (x + y);
}
