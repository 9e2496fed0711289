import type { TrainEvent } from '../train/index.js';
import { curvesChartSpec, type CurvesChartOptions } from './curves-chart.js';
import { PlotInputError } from './errors.js';
import { renderChart, type ChartScales } from './render-chart.js';
import { isRunCurves, runCurves, type RunCurves } from './run-curves.js';

/**
 * Writes a run's curves (from its events, or curves already gathered) to a PNG at `path`: loss and
 * accuracy side by side, training per iteration and validation per epoch. Resolves with the chart's
 * scales (panel 0: loss, panel 1: accuracy), which say where each value was drawn.
 */
export async function plotCurves(
  input: Iterable<TrainEvent> | RunCurves,
  path: string,
  options: CurvesChartOptions = {},
): Promise<ChartScales> {
  const curves = isRunCurves(input) ? input : runCurves(input);
  if (
    curves.loss.train.length +
      curves.loss.valid.length +
      curves.accuracy.train.length +
      curves.accuracy.valid.length ===
    0
  ) {
    throw new PlotInputError('plotCurves', `no finite step or validation loss or accuracy to draw into ${path}`);
  }
  return renderChart(curvesChartSpec(curves, options), path);
}
