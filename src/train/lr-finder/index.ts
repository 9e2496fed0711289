export * from './lr-finder.js';
export * from './suggest.js';
export * from './lr-finder-chart.js';
