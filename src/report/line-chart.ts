import { niceAxis, tickLabel, type Axis } from './axis-ticks.js';
import type { Point } from './curve-series.js';

export interface Series {
  readonly label: string;
  /** Any SVG colour, e.g. `#1f77b4`. */
  readonly color: string;
  readonly points: readonly Point[];
  /** Draw a dot at each point (for sparse series such as per-epoch validation). */
  readonly markers?: boolean;
}

export interface ChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
}

/** Where a chart's data lands in pixels: the plot rectangle and the two axes that map into it. */
export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
  readonly x: Axis;
  readonly y: Axis;
  toPixel(point: Point): Point;
}

const MARGIN = { left: 72, right: 24, top: 44, bottom: 56 };

/** Axes from 0 (or below, for negative data) to the largest value, as the seed's matplotlib plot. */
export function chartFrame(series: readonly Series[], width = 900, height = 500): ChartFrame {
  const points = series.flatMap((s) => s.points);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = niceAxis(Math.min(0, ...xs), Math.max(...xs), 8);
  const y = niceAxis(Math.min(0, ...ys), Math.max(...ys), 6);
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const toPixel = (p: Point): Point => ({
    x: plot.left + ((p.x - x.min) / (x.max - x.min)) * (plot.right - plot.left),
    y: plot.bottom - ((p.y - y.min) / (y.max - y.min)) * (plot.bottom - plot.top),
  });
  return { width, height, plot, x, y, toPixel };
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

const r = (v: number): string => v.toFixed(1);

/** An SVG line chart with grid, ticks, axis labels and a legend; `series` must hold a point. */
export function lineChartSvg(series: readonly Series[], options: ChartOptions = {}): { svg: string; frame: ChartFrame } {
  const frame = chartFrame(series, options.width, options.height);
  const { plot, width, height } = frame;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    '<g shape-rendering="crispEdges">',
  ];
  for (const tick of frame.x.ticks) {
    const px = frame.toPixel({ x: tick, y: frame.y.min }).x;
    parts.push(
      `<line x1="${r(px)}" y1="${plot.top}" x2="${r(px)}" y2="${plot.bottom}" stroke="#e6e6e6"/>`,
      `<line x1="${r(px)}" y1="${plot.bottom}" x2="${r(px)}" y2="${plot.bottom + 5}" stroke="#333"/>`,
      `<text x="${r(px)}" y="${plot.bottom + 20}" font-size="13" text-anchor="middle" fill="#333">${tickLabel(tick, frame.x)}</text>`,
    );
  }
  for (const tick of frame.y.ticks) {
    const py = frame.toPixel({ x: frame.x.min, y: tick }).y;
    parts.push(
      `<line x1="${plot.left}" y1="${r(py)}" x2="${plot.right}" y2="${r(py)}" stroke="#e6e6e6"/>`,
      `<line x1="${plot.left - 5}" y1="${r(py)}" x2="${plot.left}" y2="${r(py)}" stroke="#333"/>`,
      `<text x="${plot.left - 9}" y="${r(py + 4.5)}" font-size="13" text-anchor="end" fill="#333">${tickLabel(tick, frame.y)}</text>`,
    );
  }
  parts.push(
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#333"/>`,
    '</g>',
  );
  for (const s of series) {
    const pixels = s.points.map((p) => frame.toPixel(p));
    if (pixels.length > 1) {
      const path = pixels.map((p) => `${r(p.x)},${r(p.y)}`).join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="1.8" stroke-linejoin="round"/>`);
    }
    if (s.markers || pixels.length === 1) {
      for (const p of pixels) parts.push(`<circle cx="${r(p.x)}" cy="${r(p.y)}" r="4" fill="${s.color}"/>`);
    }
  }
  const legendWidth = 24 + 9 * Math.max(...series.map((s) => s.label.length)) + 36;
  const legendLeft = plot.right - legendWidth - 10;
  parts.push(
    `<rect x="${legendLeft}" y="${plot.top + 10}" width="${legendWidth}" height="${12 + 22 * series.length}" fill="#ffffff" fill-opacity="0.9" stroke="#bbb" rx="3"/>`,
  );
  series.forEach((s, i) => {
    const y = plot.top + 28 + 22 * i;
    parts.push(
      `<line x1="${legendLeft + 10}" y1="${y - 4}" x2="${legendLeft + 38}" y2="${y - 4}" stroke="${s.color}" stroke-width="2.5"/>`,
      s.markers ? `<circle cx="${legendLeft + 24}" cy="${y - 4}" r="4" fill="${s.color}"/>` : '',
      `<text x="${legendLeft + 46}" y="${y}" font-size="13" fill="#222">${escapeXml(s.label)}</text>`,
    );
  });
  if (options.title) {
    parts.push(`<text x="${width / 2}" y="${plot.top - 16}" font-size="16" text-anchor="middle" fill="#111">${escapeXml(options.title)}</text>`);
  }
  if (options.xLabel) {
    parts.push(`<text x="${(plot.left + plot.right) / 2}" y="${height - 12}" font-size="14" text-anchor="middle" fill="#222">${escapeXml(options.xLabel)}</text>`);
  }
  if (options.yLabel) {
    const cy = (plot.top + plot.bottom) / 2;
    parts.push(`<text x="18" y="${cy}" font-size="14" text-anchor="middle" fill="#222" transform="rotate(-90 18 ${cy})">${escapeXml(options.yLabel)}</text>`);
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), frame };
}
