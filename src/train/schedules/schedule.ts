import { checkArgument, positiveInteger } from '../../util/index.js';

/**
 * A learning-rate schedule as a closed form, like PyTorch's `_get_closed_form_lr`: the rate at
 * `index` (steps or epochs since the start, 0-based) for a group whose initial rate is `base`.
 * Schedules that cycle momentum (β₁ for Adam) give it the same way from the group's initial one.
 */
export interface Schedule {
  readonly name: string;
  lr(index: number, base: number): number;
  momentum?(index: number, base: number): number;
}

export function checkPositiveInteger(owner: string, key: string, value: number): void {
  checkArgument(owner, key, value, positiveInteger);
}

export function checkInRange(owner: string, key: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max))
    throw new RangeError(`${owner}: ${key} must be in [${min}, ${max}], got ${value}`);
}
