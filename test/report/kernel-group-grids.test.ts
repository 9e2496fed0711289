import test from 'ava';
import fc from 'fast-check';
import { kernelGroupGrids, PlotInputError } from '../../src/report/index.js';
import { tileOrigin } from '../../src/report/kernel-grid.js';
import { bankOf } from './events.js';

test('tile (row o, column i) of group g is kernel g·O/G + o on input channel i, min-max scaled on its own', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 2, max: 5 }),
      (groups, perGroup, inputs, size) => {
        const outputs = groups * perGroup;
        const value = (y: number, x: number, c: number, k: number) => Math.sin(1 + y * 7 + x * 3 + c * 11 + k * 5);
        const grids = kernelGroupGrids(bankOf([size, size, inputs, outputs], value), groups, { scale: 2 });
        if (grids.length !== groups) return false;
        return grids.every(({ image, layout }, g) => {
          if (layout.columns !== inputs || layout.rows !== perGroup) return false;
          for (let o = 0; o < perGroup; o++)
            for (let i = 0; i < inputs; i++) {
              const tile = Array.from({ length: size * size }, (_, p) =>
                value(Math.floor(p / size), p % size, i, g * perGroup + o),
              );
              const [min, max] = [Math.min(...tile), Math.max(...tile)];
              const origin = tileOrigin(layout, o * inputs + i);
              for (let p = 0; p < size * size; p++) {
                const [y, x] = [Math.floor(p / size), p % size];
                const at = ((origin.y + y * 2) * image.width + origin.x + x * 2) * 3;
                const want = Math.round(((tile[p]! - min) / (max - min)) * 255);
                if (image.data[at] !== want || image.data[at + 1] !== want || image.data[at + 2] !== want) return false;
              }
            }
          return true;
        });
      },
    ),
  );
  t.pass();
});

test('groups that do not divide the output kernels are a PlotInputError', (t) => {
  t.throws(
    () =>
      kernelGroupGrids(
        bankOf([3, 3, 2, 5], () => 0),
        2,
      ),
    { instanceOf: PlotInputError, message: /groups must divide the 5 output kernels/ },
  );
});
