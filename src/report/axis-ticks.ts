export interface Axis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

/** The step between ticks: 1, 2 or 5 times a power of ten, giving at most `target` + 1 ticks. */
export function tickStep(span: number, target: number): number {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= raw * (1 - 1e-9)) ?? 10;
  return multiple * power;
}

/**
 * A "nice" axis covering [low, high]: its ends are multiples of the tick step, so the first and last
 * ticks sit at the ends. A range too narrow to divide is widened around its middle.
 */
export function niceAxis(low: number, high: number, target = 6): Axis {
  if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
    throw new RangeError(`niceAxis: expected finite low <= high, got ${low}, ${high}`);
  }
  const mid = (low + high) / 2;
  if (high - low <= 1e-9 * Math.max(1, Math.abs(mid))) {
    const pad = Math.abs(mid) >= 1e-6 ? Math.abs(mid) * 0.1 : 1;
    return niceAxis(mid - pad, mid + pad, target);
  }
  const step = tickStep(high - low, target);
  const min = Math.floor(low / step + 1e-9) * step;
  const max = Math.ceil(high / step - 1e-9) * step;
  const count = Math.round((max - min) / step);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((min + i * step).toFixed(digits)));
  return { min, max, ticks };
}

/** A tick label without float noise: `0.1`, not `0.10000000000000001`. */
export function tickLabel(value: number, axis: Axis): string {
  const step = axis.ticks.length > 1 ? axis.ticks[1] - axis.ticks[0] : 1;
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return value.toFixed(digits);
}
