/** torchvision's `_make_divisible`: `value` rounded to the nearest multiple of `divisor` (at least `divisor`), never below 90 % of `value`. */
export function makeDivisible(value: number, divisor = 8): number {
  const rounded = Math.max(divisor, Math.floor((value + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * value ? rounded + divisor : rounded;
}
