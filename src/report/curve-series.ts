import type { TrainEvent } from '../train/events.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** What the seed plots: training loss per step, validation loss at the step its epoch ended. */
export interface LossCurves {
  readonly train: readonly Point[];
  readonly valid: readonly Point[];
}

/** Gathers the loss curves from a run's events; non-finite losses are left out. */
export function lossCurves(events: Iterable<TrainEvent>): LossCurves {
  const train: Point[] = [];
  const valid: Point[] = [];
  for (const event of events) {
    if (event.kind !== 'step' && event.kind !== 'validation') continue;
    if (!Number.isFinite(event.loss)) continue;
    (event.kind === 'step' ? train : valid).push({ x: event.step, y: event.loss });
  }
  return { train, valid };
}
