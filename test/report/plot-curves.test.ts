import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import sharp from 'sharp';
import { PlotInputError, plotCurves, runCurves } from '../../src/report/index.js';
import type { TrainEvent } from '../../src/train/loop/events.js';
import { tempFolder } from '../temp-folder.js';
import { runEvents, stepEvent, validationEvent } from './events.js';

const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
const TRAIN = hex('#1f77b4');
const VALID = hex('#ff7f0e');

async function decode(path: string) {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * info.width + Math.round(x)) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  /** Whether a pixel within `r` of (x, y) has the colour. */
  const near = (x: number, y: number, color: number[], r = 3) => {
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (close(at(x + dx, y + dy), color)) return true;
    return false;
  };
  return { info, at, near };
}

const close = (a: number[], b: number[], tolerance = 40) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

/** A run whose training accuracy rises with the step, losses from `lossAt`. */
const accuracyAt = (step: number) => Math.min(0.95, 0.3 + step / 100);
const withAccuracy = (events: TrainEvent[]) =>
  events.map((e) =>
    e.kind === 'step'
      ? { ...e, accuracy: accuracyAt(e.step) }
      : e.kind === 'validation'
        ? { ...e, accuracy: 0.6 + e.epoch * 0.2 }
        : e,
  );

test("loss and accuracy panels: each series is drawn where its values map to, validation at its epoch's last step", async (t) => {
  const path = join(await tempFolder(t, 'curves'), 'curves.png');
  const lossAt = (step: number) => (step <= 30 ? 0.8 : 0.4);
  const scales = await plotCurves(withAccuracy(runEvents(2, 30, lossAt)), path);
  const { info, near } = await decode(path);
  t.deepEqual([info.width, info.height], [scales.width, scales.height]);
  const pixel = (panel: number, x: number, y: number) =>
    [scales.toPixel(panel, 'x', x), scales.toPixel(panel, 'y', y)] as const;
  for (const step of [10, 20, 45, 55]) {
    const [lx, ly] = pixel(0, step, lossAt(step));
    t.true(near(lx, ly, TRAIN), `train loss at step ${step}`);
    t.false(near(lx, ly - 40, TRAIN), `nothing but the loss curve 40 px above step ${step}`);
    const [ax, ay] = pixel(1, step, accuracyAt(step));
    t.true(near(ax, ay, TRAIN), `train accuracy at step ${step}`);
  }
  for (const [epoch, step, loss] of [
    [0, 30, 0.4],
    [1, 60, 0.2],
  ] as const) {
    t.true(near(...pixel(0, step, loss), VALID), `validation loss marker at step ${step}`);
    t.true(near(...pixel(1, step, 0.6 + epoch * 0.2), VALID), `validation accuracy marker at step ${step}`);
  }
  t.true(scales.toPixel(1, 'x', 0) > scales.toPixel(0, 'x', 60), 'accuracy is the panel on the right');
});

test('curves across a resume: steps logged again replace the abandoned tail, whatever its length', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 40 }),
      (checkpointStep, tail, more) => {
        const first = Array.from({ length: checkpointStep + tail }, (_, i) => stepEvent({ step: i + 1, loss: 1 }));
        const events: TrainEvent[] = [
          ...first.slice(0, checkpointStep),
          validationEvent({ step: checkpointStep, loss: 0.5 }),
          ...first.slice(checkpointStep),
          ...(tail > 0 ? [validationEvent({ step: checkpointStep + tail, loss: 0.7 })] : []),
          ...Array.from({ length: more }, (_, i) => stepEvent({ step: checkpointStep + i + 1, loss: 2 })),
        ];
        const { loss } = runCurves(events);
        const xs = loss.train.map((p) => p.x);
        t.deepEqual(
          xs,
          Array.from({ length: checkpointStep + more }, (_, i) => i + 1),
          'every step once, in order',
        );
        t.true(
          loss.train.every((p) => p.y === (p.x <= checkpointStep ? 1 : 2)),
          "the resumed run's values after the checkpoint",
        );
        t.deepEqual(loss.valid, [{ x: checkpointStep, y: 0.5 }], 'the abandoned validation is gone');
      },
    ),
  );
});

test('plotCurves with nothing to draw is a PlotInputError naming the file', async (t) => {
  const error = await t.throwsAsync(plotCurves([{ kind: 'skipped', path: 'a.jpg', reason: 'bad' }], 'out/curves.png'), {
    instanceOf: PlotInputError,
  });
  t.regex(error?.message ?? '', /out\/curves\.png/);
});
