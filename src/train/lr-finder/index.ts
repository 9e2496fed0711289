export * from './lr-finder.js';
export * from './lr-suggestions.js';
export * from './lr-finder-chart.js';
