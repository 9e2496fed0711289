/**
 * Relative error of `actual` against the reference `expected`: max|a − b| / max(1e-6, max|b|).
 * Scaling by the largest reference magnitude keeps near-zero entries (sums that cancel) from
 * dominating, while still catching any entry that is wrong by more than the tolerance.
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i += 1) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / scale;
}
