import { checkInRange, checkPositiveInteger, type Schedule } from './schedule.js';

/** Half a cosine from `base` at `t = 0` down to `etaMin` at `t = period`. */
export const cosineBetween = (t: number, period: number, base: number, etaMin: number): number =>
  etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * t) / period))) / 2;

export interface CosineOptions {
  /** Steps (or epochs) from the initial rate down to `etaMin`. */
  readonly tMax: number;
  readonly etaMin?: number;
}

/** `CosineAnnealingLR` (same defaults); past `tMax` it rises again, as PyTorch's does. */
export function cosineAnnealing({ tMax, etaMin = 0 }: CosineOptions): Schedule {
  checkPositiveInteger('cosineAnnealing', 'tMax', tMax);
  checkInRange('cosineAnnealing', 'etaMin', etaMin, 0, Infinity);
  return { name: 'cosineAnnealing', lr: (index, base) => cosineBetween(index, tMax, base, etaMin) };
}

export interface WarmRestartsOptions {
  /** Length of the first cycle. */
  readonly t0: number;
  /** Each cycle is this many times longer than the one before. */
  readonly tMult?: number;
  readonly etaMin?: number;
}

/** `CosineAnnealingWarmRestarts` (same defaults), at whole steps (or epochs). */
export function cosineWarmRestarts({ t0, tMult = 1, etaMin = 0 }: WarmRestartsOptions): Schedule {
  checkPositiveInteger('cosineWarmRestarts', 't0', t0);
  checkPositiveInteger('cosineWarmRestarts', 'tMult', tMult);
  checkInRange('cosineWarmRestarts', 'etaMin', etaMin, 0, Infinity);
  return {
    name: 'cosineWarmRestarts',
    lr(index, base) {
      let tCur = index;
      let tI = t0;
      while (tCur >= tI) {
        tCur -= tI;
        tI *= tMult;
      }
      return cosineBetween(tCur, tI, base, etaMin);
    },
  };
}
