import test from 'ava';
import fc from 'fast-check';
import { PlotInputError, tileGrid } from '../../src/report/index.js';

const tileSet = fc
  .record({
    width: fc.integer({ min: 1, max: 5 }),
    height: fc.integer({ min: 1, max: 5 }),
    count: fc.integer({ min: 1, max: 7 }),
  })
  .map(({ width, height, count }) =>
    Array.from({ length: count }, (_, k) => ({
      width,
      height,
      data: Uint8Array.from({ length: width * height * 3 }, (_, i) => (k * 37 + i) % 250),
    })),
  );

test('law: every tile lies whole at its row-major origin, and every other pixel is the background', (t) => {
  fc.assert(
    fc.property(
      tileSet,
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 3 }),
      (tiles, columns, gap, margin) => {
        const grid = tileGrid(tiles, { columns, gap, margin, background: [251, 252, 253] });
        const { width: w, height: h } = tiles[0]!;
        const covered = new Set<number>();
        for (const [k, tile] of tiles.entries()) {
          const x0 = margin + (k % columns) * (w + gap);
          const y0 = margin + Math.floor(k / columns) * (h + gap);
          for (let y = 0; y < h; y++)
            for (let x = 0; x < w; x++) {
              const p = (y0 + y) * grid.width + x0 + x;
              covered.add(p);
              for (let c = 0; c < 3; c++) if (grid.data[p * 3 + c] !== tile.data[(y * w + x) * 3 + c]) return false;
            }
        }
        const rows = Math.ceil(tiles.length / columns);
        if (
          grid.width !== 2 * margin + columns * w + (columns - 1) * gap ||
          grid.height !== 2 * margin + rows * h + (rows - 1) * gap
        )
          return false;
        for (let p = 0; p < grid.width * grid.height; p++) {
          if (
            !covered.has(p) &&
            (grid.data[p * 3] !== 251 || grid.data[p * 3 + 1] !== 252 || grid.data[p * 3 + 2] !== 253)
          )
            return false;
        }
        return true;
      },
    ),
  );
  t.pass();
});

test('tiles of different sizes, or none, are a PlotInputError saying what was expected', (t) => {
  const tile = (width: number) => ({ width, height: 1, data: new Uint8Array(width * 3) });
  t.throws(() => tileGrid([tile(2), tile(3)], { columns: 2, gap: 1 }), {
    instanceOf: PlotInputError,
    message: /expected tiles of 2×1, got one of 3×1/,
  });
  t.throws(() => tileGrid([], { columns: 2, gap: 1 }), { instanceOf: PlotInputError, message: /at least one tile/ });
});
