// The four live curves, drawn with uPlot; several runs overlay on one step axis.
import uPlot from '/assets/uPlot.esm.js';

const COLOURS = ['#2f6fd6', '#d6452f', '#2f9e55', '#9b4fd6', '#d69a2f', '#2fa9b5'];

/** Per chart: its series for one run, each as [x values, y values]. */
const CHARTS = {
  loss: (run) => [
    { label: 'train', table: [run.steps.step, run.steps.loss] },
    {
      label: 'validation',
      table: [run.validations.map((v) => v.step), run.validations.map((v) => v.loss)],
      points: true,
    },
  ],
  accuracy: (run) => [
    { label: 'train', table: [run.steps.step, run.steps.accuracy] },
    {
      label: 'validation',
      table: [run.validations.map((v) => v.step), run.validations.map((v) => v.accuracy)],
      points: true,
    },
  ],
  lr: (run) => [{ label: 'lr', table: [run.steps.step, run.steps.lr] }],
  speed: (run) => [{ label: 'images/s', table: [run.steps.step, run.steps.imagesPerSecond] }],
};

const charts = new Map();
/** Whole steps between x ticks. */
const STEP_INCREMENTS = [1, 2, 5]
  .flatMap((m) => [1, 10, 100, 1000, 10000, 100000].map((p) => m * p))
  .sort((a, b) => a - b);

function seriesOf(name, runs) {
  return runs.flatMap((run, r) =>
    CHARTS[name](run).map((s, i) => ({
      label: runs.length > 1 ? `${run.id} ${s.label}` : s.label,
      table: s.table,
      stroke: COLOURS[r % COLOURS.length],
      dash: i === 0 ? undefined : [6, 4],
      points: s.points,
    })),
  );
}

function dataOf(series) {
  const tables = series.map((s) => s.table).filter((t) => t[0].length > 0);
  if (tables.length === 0) return [[], ...series.map(() => [])];
  // uPlot.join aligns the x values of every table; each series keeps its own (null where it has none).
  const present = series.map((s) => s.table[0].length > 0);
  const joined = uPlot.join(tables);
  let next = 1;
  return [joined[0], ...present.map((has) => (has ? joined[next++] : joined[0].map(() => null)))];
}

function build(name, container, series) {
  const options = {
    width: Math.max(320, container.clientWidth - 8),
    height: 220,
    scales: { x: { time: false } },
    legend: { live: false },
    axes: [{ label: 'step', incrs: STEP_INCREMENTS }, {}],
    series: [
      { label: 'step' },
      ...series.map((s) => ({
        label: s.label,
        stroke: s.stroke,
        dash: s.dash,
        width: 1.5,
        spanGaps: true,
        points: { show: s.points ? true : false, size: 6 },
      })),
    ],
  };
  return new uPlot(options, dataOf(series), container);
}

/** Draws `runs` (the first is the run in focus) on every chart. */
export function drawCharts(runs) {
  for (const name of Object.keys(CHARTS)) {
    const container = document.getElementById(`chart-${name}`);
    const series = seriesOf(name, runs);
    const key = series.map((s) => s.label).join('\u0000');
    const current = charts.get(name);
    if (current && current.key === key) {
      current.plot.setData(dataOf(series));
    } else {
      current?.plot.destroy();
      charts.set(name, { key, plot: build(name, container, series) });
    }
  }
}

export function resizeCharts() {
  for (const [name, { plot }] of charts) {
    plot.setSize({ width: Math.max(320, document.getElementById(`chart-${name}`).clientWidth - 8), height: 220 });
  }
}

/** What each chart draws, by series label: the points that are not gaps. For tests and curious users. */
export function drawnPoints() {
  const out = {};
  for (const [name, { plot }] of charts) {
    out[name] = Object.fromEntries(
      plot.series
        .slice(1)
        .map((s, i) => [
          s.label,
          plot.data[0].flatMap((x, j) => (plot.data[i + 1][j] == null ? [] : [[x, plot.data[i + 1][j]]])),
        ]),
    );
  }
  return out;
}
