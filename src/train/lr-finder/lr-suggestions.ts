/** A finder's record: the rate of each step and the smoothed loss after it. */
export interface LrCurve {
  readonly lrs: readonly number[];
  readonly losses: readonly number[];
}

/** The part of the curve suggestions look at, as fastai's `lr_find` takes it: without the first `numIter / 10` steps and the last 5, and cut at the first NaN. */
export function suggestionWindow({ lrs, losses }: LrCurve, numIter: number): LrCurve {
  const start = Math.floor(numIter / 10);
  const end = Math.max(losses.length - 5, 0);
  const window = { lrs: lrs.slice(start, end), losses: losses.slice(start, end) };
  const nan = window.losses.findIndex(Number.isNaN);
  return nan === -1 ? window : { lrs: window.lrs.slice(0, nan), losses: window.losses.slice(0, nan) };
}

const argMin = (values: readonly number[]): number => values.reduce((best, v, i) => (v < values[best]! ? i : best), 0);

/** fastai's `steep`: the rate where the loss falls fastest against log(lr). */
export function steepest({ lrs, losses }: LrCurve): number {
  if (losses.length < 2) return Number.NaN;
  const slopes = losses.slice(1).map((loss, i) => (loss - losses[i]!) / (Math.log(lrs[i + 1]!) - Math.log(lrs[i]!)));
  return lrs[argMin(slopes)]!;
}

/** fastai's `minimum`: a tenth of the rate at the lowest loss. */
export function minimumOverTen({ lrs, losses }: LrCurve): number {
  if (losses.length === 0) return Number.NaN;
  return lrs[argMin(losses)]! / 10;
}
