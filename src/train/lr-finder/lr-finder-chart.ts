import type { LrFinderResult } from './lr-finder.js';

/** Points left off the end of the plot, as fastai's `plot_lr_find(skip_end=5)`: the divergence would flatten the rest. */
const SKIP_END = 5;

/** The finder's plot as a Vega-Lite spec: smoothed loss against lr (log scale), the suggestion and the steepest point marked. */
export function lrFinderChartSpec(result: LrFinderResult, { width = 560, height = 340 } = {}): object {
  const shown = result.lrs.length > 2 * SKIP_END ? result.lrs.length - SKIP_END : result.lrs.length;
  const curve = result.lrs
    .slice(0, shown)
    .map((lr, i) => ({ lr, loss: result.losses[i] }))
    .filter((p) => Number.isFinite(p.loss));
  const marks = [
    { lr: result.suggestion, label: `suggestion (minimum/10): ${result.suggestion.toExponential(2)}` },
    { lr: result.steepest, label: `steepest: ${result.steepest.toExponential(2)}` },
  ].filter((m) => Number.isFinite(m.lr));
  const x = { field: 'lr', type: 'quantitative', title: 'Learning rate', scale: { type: 'log' } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 12,
    width,
    height,
    title: 'Learning-rate finder',
    layer: [
      {
        data: { values: curve },
        mark: { type: 'line', strokeWidth: 1.5, color: '#1f77b4' },
        encoding: { x, y: { field: 'loss', type: 'quantitative', title: 'Smoothed loss', scale: { zero: false } } },
      },
      {
        data: { values: marks },
        mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: {
          x,
          color: { field: 'label', type: 'nominal', title: null, scale: { range: ['#d62728', '#2ca02c'] } },
        },
      },
    ],
    config: {
      font: 'DejaVu Sans',
      legend: { orient: 'bottom', symbolType: 'stroke', symbolStrokeWidth: 3, labelLimit: 0 },
    },
  };
}
