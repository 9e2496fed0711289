import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/** Where a Vega-Lite chart's scales put values, in pixels of the written PNG. */
export interface ChartScales {
  readonly width: number;
  readonly height: number;
  /** Pixel of `value` on the named scale (`concat_0_x`, `concat_1_y`, …) of the chart's `panel`-th view. */
  toPixel(panel: number, axis: 'x' | 'y', value: number): number;
}

/**
 * Renders a Vega-Lite chart headless (Vega's SVG renderer, no canvas) and rasterises it with sharp
 * at `scale` × its size into a PNG at `path`. Resolves with the chart's scales, for checking the pixels.
 * Vega is loaded on first use: its module graph awaits at top level, which `require('rxtrain')` cannot load.
 */
export async function renderChart(spec: object, path: string, scale = 2): Promise<ChartScales> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec as TopLevelSpec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG(scale);
    await mkdir(dirname(path), { recursive: true });
    const info = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png().toFile(path);
    const origin = view.origin();
    const padding = view.padding() as { left: number; top: number };
    const groups = groupOffsets(view);
    return {
      width: info.width,
      height: info.height,
      toPixel(panel, axis, value) {
        const mapped = (view.scale(`concat_${panel}_${axis}`) as (v: number) => number)(value);
        const offset =
          axis === 'x' ? padding.left + origin[0] + groups[panel]!.x : padding.top + origin[1] + groups[panel]!.y;
        return (mapped + offset) * scale;
      },
    };
  } finally {
    view.finalize();
  }
}

/** The top-left corner of each concatenated view's group, in chart units. */
function groupOffsets(view: View): { x: number; y: number }[] {
  type Item = { x?: number; y?: number; items?: Mark[] };
  type Mark = { name?: string; items?: Item[] };
  const root = (view.scenegraph() as unknown as { root: Mark }).root;
  const offsets: { x: number; y: number }[] = [];
  const visit = (mark: Mark): void => {
    const match = /^concat_(\d+)_group$/.exec(mark.name ?? '');
    for (const item of mark.items ?? []) {
      if (match) offsets[Number(match[1])] = { x: item.x ?? 0, y: item.y ?? 0 };
      for (const child of item.items ?? []) visit(child);
    }
  };
  visit(root);
  return offsets;
}
