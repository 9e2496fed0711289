import type { KernelBank } from '../train/index.js';
import { PlotInputError } from './errors.js';
import { tileGrid } from './tile-grid.js';

/** An 8-bit RGB image, rows top to bottom, pixels interleaved. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface KernelGridOptions {
  /** Each kernel pixel becomes a `scale`×`scale` block; default: tiles about 44 px, the grid at least 480 px wide. */
  readonly scale?: number;
  /** Pixels between tiles and around the grid; default 2. */
  readonly gap?: number;
  /** Colour of the gaps; default white, as the paper's figure. */
  readonly background?: readonly [number, number, number];
  /** Tiles per row; default: `gridShape`'s. */
  readonly columns?: number;
}

export interface KernelGridLayout {
  readonly rows: number;
  readonly columns: number;
  readonly scale: number;
  readonly gap: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
}

/**
 * Rows × columns for `count` tiles: the divisor of `count` nearest above its square root that keeps the
 * grid at most 2.5 times wider than tall, so 96 is 8 × 12 and 64 is 8 × 8; else a near-square grid
 * with an unfilled last row.
 */
export function gridShape(count: number): { rows: number; columns: number } {
  const root = Math.ceil(Math.sqrt(count));
  for (let columns = root; columns * columns <= 2.5 * count; columns++) {
    if (count % columns === 0) return { rows: count / columns, columns };
  }
  return { rows: Math.ceil(count / root), columns: root };
}

/** Where kernel `index`'s tile starts, in pixels. */
export function tileOrigin(layout: KernelGridLayout, index: number): { x: number; y: number } {
  const row = Math.floor(index / layout.columns);
  const column = index % layout.columns;
  return {
    x: layout.gap + column * (layout.tileWidth + layout.gap),
    y: layout.gap + row * (layout.tileHeight + layout.gap),
  };
}

function checkBank(bank: KernelBank): void {
  const [h, w, i, o] = bank.shape;
  const dims = bank.shape.every((d) => Number.isInteger(d) && d > 0);
  if (!dims || (i !== 1 && i !== 3)) {
    throw new PlotInputError(
      'plotKernels',
      `expected an HWIO kernel bank with 1 or 3 input channels, got shape [${bank.shape.join(', ')}]`,
    );
  }
  if (bank.values.length !== h * w * i * o) {
    throw new PlotInputError(
      'plotKernels',
      `shape [${bank.shape.join(', ')}] needs ${h * w * i * o} values, got ${bank.values.length}`,
    );
  }
}

export function kernelGridLayout(bank: KernelBank, options: KernelGridOptions = {}): KernelGridLayout {
  checkBank(bank);
  const [h, w, , o] = bank.shape;
  const columns = options.columns ?? gridShape(o).columns;
  if (!Number.isInteger(columns) || columns < 1)
    throw new PlotInputError('plotKernels', `columns must be a positive integer, got ${columns}`);
  const shape = { rows: Math.ceil(o / columns), columns };
  const scale = options.scale ?? Math.max(1, Math.round(44 / Math.max(h, w)), Math.floor(480 / (shape.columns * w)));
  const gap = options.gap ?? 2;
  if (!Number.isInteger(scale) || scale < 1 || !Number.isInteger(gap) || gap < 0) {
    throw new PlotInputError(
      'plotKernels',
      `scale must be a positive integer and gap a non-negative one, got ${scale}, ${gap}`,
    );
  }
  return { ...shape, scale, gap, tileWidth: w * scale, tileHeight: h * scale };
}

/**
 * The paper's first-layer figure as pixels: kernel `o` of an HWIO bank becomes an RGB tile (a grey
 * one for a single input channel), min-max scaled to 0..255 over that kernel alone (a constant
 * kernel is mid-grey), upscaled with nearest neighbour, tiles in row-major order.
 */
export function kernelGrid(
  bank: KernelBank,
  options: KernelGridOptions = {},
): { image: RgbImage; layout: KernelGridLayout } {
  const layout = kernelGridLayout(bank, options);
  const [h, w, inputs, outputs] = bank.shape;
  const { columns, scale, gap, tileWidth, tileHeight } = layout;
  const at = (y: number, x: number, c: number, o: number): number =>
    bank.values[((y * w + x) * inputs + c) * outputs + o]!;

  const tiles: RgbImage[] = [];
  for (let o = 0; o < outputs; o++) {
    let min = Infinity;
    let max = -Infinity;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let c = 0; c < inputs; c++) {
          const v = at(y, x, c, o);
          if (v < min) min = v;
          if (v > max) max = v;
        }
    const range = max - min;
    const data = new Uint8Array(tileWidth * tileHeight * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const rgb = [0, 1, 2].map((c) => {
          const v = at(y, x, inputs === 1 ? 0 : c, o);
          return range > 0 ? Math.round(((v - min) / range) * 255) : 128;
        });
        for (let dy = 0; dy < scale; dy++) {
          const row = y * scale + dy;
          for (let dx = 0; dx < scale; dx++) data.set(rgb, (row * tileWidth + x * scale + dx) * 3);
        }
      }
    tiles.push({ width: tileWidth, height: tileHeight, data });
  }
  const image = tileGrid(tiles, {
    columns,
    gap,
    margin: gap,
    ...(options.background ? { background: options.background } : {}),
  });
  return { image, layout };
}
