import { PlotInputError } from './errors.js';
import type { RgbImage } from './kernel-grid.js';

export interface TileGridOptions {
  /** Tiles per row. */
  readonly columns: number;
  /** Pixels between tiles. */
  readonly gap: number;
  /** Pixels around the grid; default none. */
  readonly margin?: number;
  /** Colour of the gaps and of the unfilled end of the last row; default white. */
  readonly background?: readonly [number, number, number];
}

/** Same-size RGB tiles in row-major order, `gap` pixels apart, as torchvision's `make_grid(padding=…)`. */
export function tileGrid(
  tiles: readonly RgbImage[],
  { columns, gap, margin = 0, background = [255, 255, 255] }: TileGridOptions,
): RgbImage {
  const [first] = tiles;
  if (first === undefined) throw new PlotInputError('tileGrid', 'expected at least one tile');
  const { width: tileWidth, height: tileHeight } = first;
  const odd = tiles.find((tile) => tile.width !== tileWidth || tile.height !== tileHeight);
  if (odd !== undefined)
    throw new PlotInputError(
      'tileGrid',
      `expected tiles of ${tileWidth}×${tileHeight}, got one of ${odd.width}×${odd.height}`,
    );
  const rows = Math.ceil(tiles.length / columns);
  const width = 2 * margin + columns * tileWidth + (columns - 1) * gap;
  const height = 2 * margin + rows * tileHeight + (rows - 1) * gap;
  const data = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) data.set(background, p * 3);
  tiles.forEach((tile, k) => {
    const x = margin + (k % columns) * (tileWidth + gap);
    const y = margin + Math.floor(k / columns) * (tileHeight + gap);
    for (let row = 0; row < tileHeight; row++) {
      data.set(tile.data.subarray(row * tileWidth * 3, (row + 1) * tileWidth * 3), ((y + row) * width + x) * 3);
    }
  });
  return { width, height, data };
}
