import type { TopLevelSpec } from 'vega-lite';
import type { RunCurves, SeriesPair } from './run-curves.js';

export const TRAIN_COLOR = '#1f77b4';
export const VALID_COLOR = '#ff7f0e';

export interface CurvesChartOptions {
  /** Width and height of each of the two panels, in chart units (the PNG is twice as large). */
  readonly panelWidth?: number;
  readonly panelHeight?: number;
}

const rows = (pair: SeriesPair) => [
  ...pair.train.map((p) => ({ step: p.x, value: p.y, series: 'Train' })),
  ...pair.valid.map((p) => ({ step: p.x, value: p.y, series: 'Valid' })),
];

function panel(title: string, pair: SeriesPair, yDomain: [number, number] | undefined, width: number, height: number) {
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: ['Train', 'Valid'], range: [TRAIN_COLOR, VALID_COLOR] },
  } as const;
  const x = { field: 'step', type: 'quantitative', title: 'Iteration', scale: { domainMin: 0, nice: true } } as const;
  const y = {
    field: 'value',
    type: 'quantitative',
    title,
    scale: yDomain ? { domain: yDomain } : { zero: true },
  } as const;
  return {
    title,
    width,
    height,
    data: { values: rows(pair) },
    layer: [
      {
        transform: [{ filter: "datum.series === 'Train'" }],
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x, y, color },
      },
      {
        transform: [{ filter: "datum.series === 'Valid'" }],
        mark: { type: 'line', point: { size: 50, filled: true }, strokeWidth: 2 },
        encoding: { x, y, color },
      },
    ],
  };
}

/** `curves.png` as a Vega-Lite spec: loss beside accuracy (0–1), one colour per series, a shared legend. */
export function curvesChartSpec(curves: RunCurves, options: CurvesChartOptions = {}): object {
  const { panelWidth = 420, panelHeight = 280 } = options;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 12,
    hconcat: [
      panel('Loss', curves.loss, undefined, panelWidth, panelHeight),
      panel('Accuracy', curves.accuracy, [0, 1], panelWidth, panelHeight),
    ],
    resolve: { scale: { x: 'independent', y: 'independent' } },
    config: { font: 'DejaVu Sans', legend: { orient: 'right', symbolType: 'stroke', symbolStrokeWidth: 3 } },
  } as TopLevelSpec;
}
