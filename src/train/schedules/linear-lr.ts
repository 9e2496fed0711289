import { checkInRange, checkPositiveInteger, type Schedule } from './schedule.js';

export interface LinearLrOptions {
  readonly startFactor?: number | undefined;
  readonly endFactor?: number;
  /** Steps (or epochs) over which the factor moves from start to end; it stays at end after. */
  readonly totalIters?: number;
}

/** `torch.optim.lr_scheduler.LinearLR` (same defaults): a linear warm-up with `startFactor` < 1. */
export function linearLR({ startFactor = 1 / 3, endFactor = 1, totalIters = 5 }: LinearLrOptions = {}): Schedule {
  checkInRange('linearLR', 'startFactor', startFactor, Number.MIN_VALUE, 1);
  checkInRange('linearLR', 'endFactor', endFactor, 0, 1);
  checkPositiveInteger('linearLR', 'totalIters', totalIters);
  return {
    name: 'linearLR',
    lr: (index, base) => base * (startFactor + ((endFactor - startFactor) * Math.min(totalIters, index)) / totalIters),
  };
}
