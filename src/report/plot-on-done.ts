import { join } from 'node:path';
import { concatMap, defer, of, type MonoTypeOperatorFunction } from 'rxjs';
import type { DoneEvent, TrainEvent } from '../train/index.js';
import { plotCurves } from './plot-curves.js';
import { plotFeatureMaps } from './plot-feature-maps.js';
import { plotKernels } from './plot-kernels.js';
import { curveCollector } from './run-curves.js';

export interface PlotOnDoneOptions {
  /** Folder for `curves.png`, `kernels.png` and `feature-maps.png`. */
  readonly dir: string;
  /** Events of the run before this subscription (a resumed run's log), drawn before its own. */
  readonly history?: Iterable<TrainEvent> | undefined;
}

/**
 * Gathers the curves as the run goes (after `history`, a resumed run replacing the steps it repeats);
 * on `done` writes `curves.png`, and `kernels.png` and `feature-maps.png` when the event carries the
 * first layer's kernels and feature maps, then passes `done` on with those files added to its
 * artifacts. Every other event passes at once, unchanged.
 */
export function plotOnDone(options: PlotOnDoneOptions): MonoTypeOperatorFunction<TrainEvent> {
  return (source) =>
    defer(() => {
      const collector = curveCollector();
      for (const event of options.history ?? []) collector.add(event);
      const plot = async (event: DoneEvent): Promise<DoneEvent> => {
        const artifacts: Record<string, string> = { ...event.artifacts };
        const curves = collector.curves();
        if (curves.loss.train.length + curves.loss.valid.length > 0) {
          artifacts.curves = join(options.dir, 'curves.png');
          await plotCurves(curves, artifacts.curves);
        }
        if (event.firstLayerKernels) {
          artifacts.kernels = join(options.dir, 'kernels.png');
          await plotKernels(event.firstLayerKernels, artifacts.kernels);
        }
        if (event.firstLayerFeatureMaps) {
          artifacts.featureMaps = join(options.dir, 'feature-maps.png');
          await plotFeatureMaps(event.firstLayerFeatureMaps, artifacts.featureMaps);
        }
        return { ...event, artifacts };
      };
      return source.pipe(
        concatMap((event) => {
          collector.add(event);
          return event.kind === 'done' ? defer(() => plot(event)) : of(event);
        }),
      );
    });
}
