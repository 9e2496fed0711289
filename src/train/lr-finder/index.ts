export { lrFinderChartSpec } from './lr-finder-chart.js';
export { lrFinder, type LrFinderOptions, type LrFinderResult, rampLr } from './lr-finder.js';
export { type LrCurve, minimumOverTen, steepest, suggestionWindow } from './lr-suggestions.js';
