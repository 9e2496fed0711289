import { join } from 'node:path';
import test from 'ava';
import sharp from 'sharp';
import { PlotInputError, plotCurves } from '../../src/report/index.js';
import { runEvents } from './events.js';
import { tempFolder } from '../temp-folder.js';

const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
const TRAIN = hex('#1f77b4');
const VALID = hex('#ff7f0e');

async function decode(path: string) {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * info.width + Math.round(x)) * 3;
    return [data[i], data[i + 1], data[i + 2]];
  };
  return { info, at };
}

const near = (a: number[], b: number[], tolerance = 40) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

test('the training curve is drawn where each loss maps to, and validation at its epoch\'s last step', async (t) => {
  const path = join(await tempFolder(t, 'curves'), 'curves.png');
  const lossAt = (step: number) => (step <= 30 ? 0.8 : 0.4);
  const frame = await plotCurves(runEvents(2, 30, lossAt), path);
  const { info, at } = await decode(path);
  t.is(info.width, 900);
  t.is(info.height, 500);
  for (const step of [10, 20, 45, 55]) {
    const p = frame.toPixel({ x: step, y: lossAt(step) });
    t.true(near(at(p.x, p.y), TRAIN), `train colour at step ${step}: ${at(p.x, p.y)}`);
    t.false(near(at(p.x, p.y - 25), TRAIN), `nothing but the curve 25 px above step ${step}`);
  }
  for (const [step, loss] of [[30, 0.4], [60, 0.2]]) {
    const p = frame.toPixel({ x: step, y: loss });
    t.true(near(at(p.x, p.y), VALID), `validation marker at step ${step}: ${at(p.x, p.y)}`);
  }
});

test('the chart has axes: a dark frame line along the bottom of the plot', async (t) => {
  const path = join(await tempFolder(t, 'curves'), 'curves.png');
  const frame = await plotCurves(runEvents(1, 10, (s) => 1 / s), path);
  const { at } = await decode(path);
  const { left, right, bottom } = frame.plot;
  for (let x = left + 5; x < right - 5; x += 37) {
    t.true([bottom - 1, bottom].some((y) => at(x, y).every((v) => v < 120)), `axis at x=${x}`);
  }
});

test('plotCurves with no losses to draw is a PlotInputError naming the file', async (t) => {
  const error = await t.throwsAsync(plotCurves([{ kind: 'skipped', path: 'a.jpg', reason: 'bad' }], 'out/curves.png'), {
    instanceOf: PlotInputError,
  });
  t.regex(error?.message ?? '', /out\/curves\.png/);
});
