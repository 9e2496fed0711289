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
 * ticks sit at the ends. An empty range is widened to show the single value.
 */
export function niceAxis(low: number, high: number, target = 6): Axis {
  if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
    throw new RangeError(`niceAxis: expected finite low <= high, got ${low}, ${high}`);
  }
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    return niceAxis(low - pad, high + pad, target);
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
