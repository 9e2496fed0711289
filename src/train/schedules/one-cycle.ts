import { checkInRange, checkPositiveInteger, type Schedule } from './schedule.js';

export interface OneCycleOptions {
  /** Steps (or epochs) in the cycle. */
  readonly totalSteps: number;
  /** Peak rate; default: each group's initial rate (so groups keep their ratios). */
  readonly maxLr?: number;
  readonly pctStart?: number;
  readonly annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (β₁ for Adam) inversely to the rate, between `baseMomentum` and `maxMomentum`. */
  readonly cycleMomentum?: boolean;
  readonly baseMomentum?: number;
  readonly maxMomentum?: number;
  /** The cycle starts at `maxLr / divFactor`… */
  readonly divFactor?: number;
  /** …and ends at that `/ finalDivFactor`. */
  readonly finalDivFactor?: number;
  /** Down to the start rate before the final annihilation, in three phases (fastai's original shape). */
  readonly threePhase?: boolean;
}

interface Phase {
  readonly endStep: number;
  readonly lr: readonly [from: 'initial' | 'max' | 'min', to: 'initial' | 'max' | 'min'];
  readonly momentum: readonly [from: 'base' | 'max', to: 'base' | 'max'];
}

const anneal = {
  cos: (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1),
  linear: (start: number, end: number, pct: number) => (end - start) * pct + start,
};

/** `torch.optim.lr_scheduler.OneCycleLR` (same defaults, same phases): a schedule per step. */
export function oneCycle(options: OneCycleOptions): Schedule {
  const {
    totalSteps,
    maxLr,
    pctStart = 0.3,
    annealStrategy = 'cos',
    cycleMomentum = true,
    baseMomentum = 0.85,
    maxMomentum = 0.95,
    divFactor = 25,
    finalDivFactor = 1e4,
    threePhase = false,
  } = options;
  checkPositiveInteger('oneCycle', 'totalSteps', totalSteps);
  checkInRange('oneCycle', 'pctStart', pctStart, 0, 1);
  if (maxLr !== undefined) checkInRange('oneCycle', 'maxLr', maxLr, 0, Infinity);
  const phases: Phase[] = threePhase
    ? [
        { endStep: pctStart * totalSteps - 1, lr: ['initial', 'max'], momentum: ['max', 'base'] },
        { endStep: 2 * pctStart * totalSteps - 2, lr: ['max', 'initial'], momentum: ['base', 'max'] },
        { endStep: totalSteps - 1, lr: ['initial', 'min'], momentum: ['max', 'max'] },
      ]
    : [
        { endStep: pctStart * totalSteps - 1, lr: ['initial', 'max'], momentum: ['max', 'base'] },
        { endStep: totalSteps - 1, lr: ['max', 'min'], momentum: ['base', 'max'] },
      ];
  const at = (index: number, value: (phase: Phase, pct: number) => number): number => {
    if (index > totalSteps) throw new RangeError(`oneCycle: step ${index} is past totalSteps ${totalSteps}`);
    let startStep = 0;
    for (const [i, phase] of phases.entries()) {
      if (index <= phase.endStep || i === phases.length - 1)
        return value(phase, (index - startStep) / (phase.endStep - startStep));
      startStep = phase.endStep;
    }
    throw new Error('unreachable');
  };
  const annealing = anneal[annealStrategy];
  return {
    name: 'oneCycle',
    lr(index, base) {
      const peak = maxLr ?? base;
      const rates = { initial: peak / divFactor, max: peak, min: peak / divFactor / finalDivFactor };
      return at(index, (phase, pct) => annealing(rates[phase.lr[0]], rates[phase.lr[1]], pct));
    },
    ...(cycleMomentum
      ? {
          momentum: (index: number) =>
            at(index, (phase, pct) =>
              annealing(
                ...(phase.momentum.map((m) => (m === 'base' ? baseMomentum : maxMomentum)) as [number, number]),
                pct,
              ),
            ),
        }
      : {}),
  };
}
