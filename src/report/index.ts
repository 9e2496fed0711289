export { consoleProgress } from './console-progress.js';
export type { ConsoleProgressOptions } from './console-progress.js';
export {
  formatCheckpoint,
  formatDone,
  formatEpoch,
  formatEvent,
  formatLr,
  formatLrChange,
  formatSkipped,
  formatStep,
  formatValidation,
} from './format-events.js';
export { formatBar, terminalSink } from './progress-bar.js';
export type { StatusSink } from './progress-bar.js';
export { logJsonl } from './jsonl-log.js';
export { readJsonl } from './read-jsonl.js';
export { lossCurves } from './curve-series.js';
export type { LossCurves, Point } from './curve-series.js';
export { niceAxis, tickStep } from './axis-ticks.js';
export type { Axis } from './axis-ticks.js';
export { chartFrame, lineChartSvg } from './line-chart.js';
export type { ChartFrame, ChartOptions, Series } from './line-chart.js';
export { lossSeries, plotCurves, TRAIN_COLOR, VALID_COLOR } from './plot-curves.js';
export { gridShape, kernelGrid, kernelGridLayout, tileOrigin } from './kernel-grid.js';
export type { KernelGridLayout, KernelGridOptions, RgbImage } from './kernel-grid.js';
export { plotKernels } from './plot-kernels.js';
export { plotOnDone } from './plot-on-done.js';
export type { PlotOnDoneOptions } from './plot-on-done.js';
export { EventLogParseError, EventLogWriteError, PlotInputError } from './errors.js';
