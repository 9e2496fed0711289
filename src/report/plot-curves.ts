import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { TrainEvent } from '../train/events.js';
import { lossCurves, type LossCurves } from './curve-series.js';
import { PlotInputError } from './errors.js';
import { lineChartSvg, type ChartFrame, type ChartOptions, type Series } from './line-chart.js';

export const TRAIN_COLOR = '#1f77b4';
export const VALID_COLOR = '#ff7f0e';

/** The seed's figure as series: training loss per iteration, validation loss at each epoch's end. */
export function lossSeries(curves: LossCurves): Series[] {
  const series: Series[] = [{ label: 'Train', color: TRAIN_COLOR, points: curves.train }];
  if (curves.valid.length > 0) series.push({ label: 'Valid', color: VALID_COLOR, points: curves.valid, markers: true });
  return series;
}

/**
 * Writes the loss curves of a run (its events, or curves already gathered) to a PNG at `path`.
 * Resolves with the chart's frame, which says where each value was drawn.
 */
export async function plotCurves(
  input: Iterable<TrainEvent> | LossCurves,
  path: string,
  options: ChartOptions = {},
): Promise<ChartFrame> {
  const curves = 'train' in input && 'valid' in input ? input : lossCurves(input as Iterable<TrainEvent>);
  if (curves.train.length === 0 && curves.valid.length === 0) {
    throw new PlotInputError('plotCurves', `no finite step or validation loss to draw into ${path}`);
  }
  const { svg, frame } = lineChartSvg(lossSeries(curves), {
    title: 'Loss',
    xLabel: 'Iteration',
    yLabel: 'Loss',
    ...options,
  });
  await mkdir(dirname(path), { recursive: true });
  await sharp(Buffer.from(svg)).png().toFile(path);
  return frame;
}
