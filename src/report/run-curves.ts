import type { TrainEvent } from '../train/index.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface SeriesPair {
  /** Per logged step. */
  readonly train: readonly Point[];
  /** At the step each validation's epoch ended. */
  readonly valid: readonly Point[];
}

/** What `curves.png` draws: loss and accuracy, training per iteration and validation per epoch, against the step. */
export interface RunCurves {
  readonly loss: SeriesPair;
  readonly accuracy: SeriesPair;
}

export const isRunCurves = (value: unknown): value is RunCurves =>
  typeof value === 'object' && value !== null && 'loss' in value && 'accuracy' in value;

/**
 * Gathers the curves event by event. A step at or before one already seen starts the history over
 * from there: what was logged from that step on belonged to a run that was stopped and resumed from
 * an earlier checkpoint (or to an earlier run in the same folder), and the new events replace it.
 */
export function curveCollector(): { add(event: TrainEvent): void; curves(): RunCurves } {
  const series = {
    loss: { train: [] as Point[], valid: [] as Point[] },
    accuracy: { train: [] as Point[], valid: [] as Point[] },
  };
  const all = [series.loss.train, series.loss.valid, series.accuracy.train, series.accuracy.valid];
  const push = (points: Point[], x: number, y: number) => {
    if (Number.isFinite(y)) points.push({ x, y });
  };
  return {
    add(event) {
      if (event.kind !== 'step' && event.kind !== 'validation') return;
      if (event.kind === 'step') {
        // Each series is in step order, so what goes is a tail.
        for (const points of all) while (points.length > 0 && points[points.length - 1]!.x >= event.step) points.pop();
      }
      const which = event.kind === 'step' ? 'train' : 'valid';
      push(series.loss[which], event.step, event.loss);
      push(series.accuracy[which], event.step, event.accuracy);
    },
    curves: () => structuredClone(series),
  };
}

/** The curves of a run's events (see `curveCollector` for events of a resumed run). */
export function runCurves(events: Iterable<TrainEvent>): RunCurves {
  const collector = curveCollector();
  for (const event of events) collector.add(event);
  return collector.curves();
}
