import { join } from 'node:path';
import { concatMap, defer, of, type MonoTypeOperatorFunction } from 'rxjs';
import type { DoneEvent, TrainEvent } from '../train/events.js';
import type { Point } from './curve-series.js';
import { plotCurves } from './plot-curves.js';
import { plotKernels } from './plot-kernels.js';

export interface PlotOnDoneOptions {
  /** Folder for `curves.png` and `kernels.png`. */
  readonly dir: string;
}

/**
 * Gathers the loss curves as the run goes; on `done` writes `curves.png` and, when the event carries
 * the first layer's kernels, `kernels.png`, then passes `done` on with those files added to its
 * artifacts. Every other event passes at once, unchanged.
 */
export function plotOnDone(options: PlotOnDoneOptions): MonoTypeOperatorFunction<TrainEvent> {
  return (source) =>
    defer(() => {
      const train: Point[] = [];
      const valid: Point[] = [];
      const plot = async (event: DoneEvent): Promise<DoneEvent> => {
        const artifacts: Record<string, string> = { ...event.artifacts };
        if (train.length + valid.length > 0) {
          artifacts.curves = join(options.dir, 'curves.png');
          await plotCurves({ train, valid }, artifacts.curves);
        }
        if (event.firstLayerKernels) {
          artifacts.kernels = join(options.dir, 'kernels.png');
          await plotKernels(event.firstLayerKernels, artifacts.kernels);
        }
        return { ...event, artifacts };
      };
      return source.pipe(
        concatMap((event) => {
          if ((event.kind === 'step' || event.kind === 'validation') && Number.isFinite(event.loss)) {
            (event.kind === 'step' ? train : valid).push({ x: event.step, y: event.loss });
          }
          return event.kind === 'done' ? defer(() => plot(event)) : of(event);
        }),
      );
    });
}
