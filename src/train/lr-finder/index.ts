export { lrFinderChartSpec } from './lr-finder-chart.js';
export { lrFinder, rampLr } from './lr-finder.js';
export type { LrFinderOptions, LrFinderResult } from './lr-finder.js';
export { minimumOverTen, steepest, suggestionWindow } from './lr-suggestions.js';
export type { LrCurve } from './lr-suggestions.js';
