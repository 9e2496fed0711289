import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import sharp from 'sharp';
import { kernelGrid, PlotInputError, plotKernels } from '../../src/report/index.js';
import { gridShape, tileOrigin } from '../../src/report/kernel-grid.js';
import { bankOf } from './events.js';
import { tempFolder } from '../temp-folder.js';

test('the grid of 96 kernels is 8 × 12 and of 64 is 8 × 8, as in the paper and torchvision', (t) => {
  t.deepEqual(gridShape(96), { rows: 8, columns: 12 });
  t.deepEqual(gridShape(64), { rows: 8, columns: 8 });
});

test('a grid holds every kernel in full rows but the last, and is at most 2.5 times wider than tall', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 600 }), (count) => {
      const { rows, columns } = gridShape(count);
      return rows * columns >= count && (rows - 1) * columns < count && rows <= columns && columns <= 2.5 * rows;
    }),
  );
  t.pass();
});

const banks = fc
  .record({
    h: fc.integer({ min: 1, max: 5 }),
    w: fc.integer({ min: 1, max: 5 }),
    i: fc.constantFrom(1, 3),
    o: fc.integer({ min: 1, max: 10 }),
    seed: fc.integer(),
  })
  .map(({ h, w, i, o, seed }) =>
    bankOf([h, w, i, o], (y, x, c, k) => Math.sin(seed + 7.1 * y + 3.3 * x + 1.9 * c + 11.7 * k) * (k + 1)),
  );

test('every tile pixel is its kernel value min-max scaled over that kernel alone', (t) => {
  fc.assert(
    fc.property(banks, fc.integer({ min: 1, max: 3 }), (bank, scale) => {
      const [h, w, inputs, outputs] = bank.shape;
      const { image, layout } = kernelGrid(bank, { scale });
      const value = (y: number, x: number, c: number, o: number) =>
        bank.values[((y * w + x) * inputs + c) * outputs + o];
      for (let o = 0; o < outputs; o++) {
        const own = bank.values.filter((_, index) => index % outputs === o);
        const min = Math.min(...own);
        const range = Math.max(...own) - min;
        const origin = tileOrigin(layout, o);
        for (let y = 0; y < h * scale; y++)
          for (let x = 0; x < w * scale; x++)
            for (let c = 0; c < 3; c++) {
              const v = value(Math.floor(y / scale), Math.floor(x / scale), inputs === 1 ? 0 : c, o);
              const expected = range > 0 ? Math.round(((v! - min) / range) * 255) : 128;
              if (image.data[((origin.y + y) * image.width + origin.x + x) * 3 + c] !== expected) return false;
            }
      }
      return true;
    }),
  );
  t.pass();
});

test("plotKernels writes a PNG of exactly the grid's pixels, 11×11 kernels upscaled to 44 px tiles", async (t) => {
  const bank = bankOf([11, 11, 3, 96], (y, x, c, k) => Math.cos(0.4 * x * (1 + (k % 4)) + y * (k % 3) + c));
  const path = join(await tempFolder(t, 'kernels'), 'kernels.png');
  const layout = await plotKernels(bank, path);
  const { image } = kernelGrid(bank);
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  t.deepEqual([layout.rows, layout.columns, layout.tileWidth], [8, 12, 44]);
  t.deepEqual([info.width, info.height, info.channels], [image.width, image.height, 3]);
  t.true(Buffer.from(image.data).equals(data));
});

test('a bank whose shape does not match its values, or has 2 input channels, is a PlotInputError', (t) => {
  t.throws(() => kernelGrid({ shape: [2, 2, 3, 2], values: [1, 2, 3] }), {
    instanceOf: PlotInputError,
    message: /needs 24 values, got 3/,
  });
  t.throws(() => kernelGrid(bankOf([2, 2, 2, 2], () => 1)), {
    instanceOf: PlotInputError,
    message: /1 or 3 input channels/,
  });
});
