import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { from, lastValueFrom, toArray } from 'rxjs';
import sharp from 'sharp';
import { EXIT } from '../../src/cli/index.js';
import { alexnet, saveTorchWeights } from '../../src/models/index.js';
import { consoleProgress } from '../../src/report/console-progress.js';
import { formatEvent } from '../../src/report/format-events.js';
import type { TrainEvent } from '../../src/train/index.js';
import { tempFolder } from '../temp-folder.js';
import { cliRun, tinyTrainFlags, twoColourFolder } from './tiny-run.js';

test("predict --logits --json gives each top class its raw logit: in the probabilities' order, and softmax of them gives the probabilities", async (t) => {
  const dir = await tempFolder(t, 'logits');
  const weights = join(dir, 'tiny.pth');
  const model = alexnet({ widthDivisor: 16, numClasses: 2, seed: 9 });
  await saveTorchWeights(model, weights);
  model.dispose();
  const image = join(dir, 'a.png');
  await writeFile(
    image,
    await sharp({ create: { width: 70, height: 70, channels: 3, background: '#a04030' } })
      .png()
      .toBuffer(),
  );
  const result = await cliRun([
    'predict',
    image,
    '--weights',
    weights,
    '--image-size',
    '64',
    '--backend',
    'cpu',
    '--logits',
    '--json',
  ]);
  t.is(result.code, EXIT.ok, result.err);
  const { probabilities, logits } = JSON.parse(result.out) as { probabilities: number[]; logits: number[] };
  t.is(logits.length, 2);
  t.true(logits[0]! >= logits[1]!);
  const exp = logits.map((l) => Math.exp(l - logits[0]!));
  const sum = exp.reduce((a, b) => a + b, 0);
  exp.forEach((e, i) => t.true(Math.abs(e / sum - probabilities[i]!) < 1e-5));
  const text = await cliRun([
    'predict',
    image,
    '--weights',
    weights,
    '--image-size',
    '64',
    '--backend',
    'cpu',
    '--logits',
  ]);
  t.regex(text.out.split('\n')[1] ?? '', /^ +\d+\.\d\d% +-?\d+\.\d{4}  [01]$/);
});

test('a validation class with no images shows n/a, not NaN%', (t) => {
  const line = formatEvent(
    {
      kind: 'validation',
      epoch: 0,
      step: 3,
      loss: 0.5,
      accuracy: 1,
      perClass: [1, Number.NaN],
      classes: ['cat', 'dog'],
    },
    1,
  );
  t.regex(line, /cat:100\.00% dog:n\/a$/);
  t.notRegex(line, /NaN/);
});

test('without a terminal, validation progress prints no line per tenth: only the line it ends with', async (t) => {
  const validating = (batch: number): TrainEvent => ({
    kind: 'validating',
    epoch: 0,
    batch,
    batches: 10,
    images: batch * 4,
    seconds: batch,
  });
  const events: TrainEvent[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(validating);
  events.push({ kind: 'validation', epoch: 0, step: 1, loss: 0.5, accuracy: 0.5, perClass: [0.5, 0.5] });
  const lines: string[] = [];
  await lastValueFrom(
    from(events).pipe(
      consoleProgress({ epochs: 1, write: (line) => lines.push(line), validatingLines: false }),
      toArray(),
    ),
  );
  t.is(lines.length, 1);
  t.regex(lines[0]!, /^Valid:/);
});

test('train without --weights says that the default initialisation may stay at chance and suggests --init kaiming; with it, says nothing', async (t) => {
  const dir = await tempFolder(t, 'init-hint');
  const data = await twoColourFolder(join(dir, 'data'), 2);
  const plain = await cliRun([
    'train',
    '--data',
    data,
    '--out',
    join(dir, 'a'),
    '--epochs',
    '1',
    '--max-iterations',
    '1',
    ...tinyTrainFlags,
  ]);
  t.is(plain.code, EXIT.ok, plain.err);
  t.regex(plain.out, /^Notice: no --weights: .*--init kaiming/m);
  const kaiming = await cliRun([
    'train',
    '--data',
    data,
    '--out',
    join(dir, 'b'),
    '--epochs',
    '1',
    '--max-iterations',
    '1',
    '--init',
    'kaiming',
    ...tinyTrainFlags,
  ]);
  t.notRegex(kaiming.out, /no --weights/);
});

test('messages say "1 epoch", "1 step", "(1 image)", and a bad checkpoint given to export is not "cannot resume from"', async (t) => {
  t.regex(
    formatEvent({ kind: 'done', epochs: 1, steps: 1, bestAccuracy: null, artifacts: {} }, 1),
    /^Done: 1 epoch, 1 step, /,
  );
  t.regex(formatEvent({ kind: 'validating', epoch: 0, batch: 1, batches: 2, images: 1, seconds: 1 }, 1), /\(1 image\)/);
  const dir = await tempFolder(t, 'bad-checkpoint');
  const bad = join(dir, 'bad.ckpt');
  await writeFile(bad, 'not a checkpoint');
  const result = await cliRun([
    'export',
    '--checkpoint',
    bad,
    '--format',
    'pth',
    '--out',
    join(dir, 'x.pth'),
    '--backend',
    'cpu',
  ]);
  t.is(result.code, EXIT.failed);
  t.notRegex(result.err, /cannot resume from/);
  t.regex(result.err, new RegExp(`cannot read checkpoint ${bad}: `));
});
