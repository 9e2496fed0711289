import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { lastValueFrom, toArray } from 'rxjs';
import sharp from 'sharp';
import { NoBatchError } from '../../src/data/loader/index.js';
import { listKaggleFolder } from '../../src/data/sources/kaggle-folder.js';
import { EmptyEpochError, fit, trainStream, type TrainConfig, type TrainEvent } from '../../src/train/index.js';
import { tinyRun, useCpu } from './fixtures.js';
import { tinyModel } from './tiny-model.js';

test.before(useCpu);

const SIZE = 16;

/** A Kaggle folder of `count` small JPEGs, removed after the test. */
async function kaggleFolder(t: { teardown(fn: () => Promise<void>): void }, count: number): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'rxtrain-accounted-'));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  for (let i = 0; i < count; i++) {
    const background = i % 2 ? { r: 200, g: 40, b: 40 } : { r: 40, g: 40, b: 200 };
    await sharp({ create: { width: 24 + i, height: 20, channels: 3, background } })
      .jpeg()
      .toFile(join(folder, `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`));
  }
  return folder;
}

const run = (config: Partial<TrainConfig> & { data: string }): Promise<TrainEvent[]> =>
  lastValueFrom(
    trainStream({
      imageSize: SIZE,
      batchSize: 2,
      validBatchSize: 1,
      epochs: 1,
      backend: 'cpu',
      model: ({ numClasses }) => tinyModel({ size: SIZE, classes: numClasses }),
      ...config,
    }).pipe(toArray()),
  );

test.serial(
  'a bad file in the validation split is a skipped event, before the validation it was left out of',
  async (t) => {
    const folder = await kaggleFolder(t, 12);
    const valid = (await listKaggleFolder(folder, { mode: 'valid', split: 0.5, seed: 620 })).entries.map((e) => e.path);
    await writeFile(valid[1]!, 'not a JPEG');
    const before = tf.memory().numTensors;
    const events = await run({ data: folder, split: 0.5 });
    t.is(tf.memory().numTensors, before);
    const skipped = events.findIndex((e) => e.kind === 'skipped');
    t.deepEqual(events[skipped], {
      kind: 'skipped',
      path: valid[1],
      reason: 'not a JPEG, PNG, GIF, WebP or TIFF image: bytes starting 6e 6f 74 20 (10 bytes)',
      time: events[skipped]!.time,
    });
    t.true(skipped < events.findIndex((e) => e.kind === 'validation'));
  },
);

test.serial(
  'validation reports its progress each tenth of its batches, and every event carries a timestamp',
  async (t) => {
    const folder = await kaggleFolder(t, 24);
    const started = Date.now();
    const events = await run({ data: folder, split: 0.5 });
    const progress = events.filter((e) => e.kind === 'validating');
    t.deepEqual(
      progress.map((e) => `${e.batch}/${e.batches}`),
      ['1/12', '2/12', '3/12', '4/12', '5/12', '6/12', '8/12', '9/12', '10/12', '11/12'],
    );
    t.true(progress.every((e, i) => e.images === e.batch && e.seconds >= (i === 0 ? 0 : progress[i - 1]!.seconds)));
    for (const event of events) {
      const time = Date.parse(event.time ?? '');
      t.true(time >= started - 1000 && time <= Date.now(), `${event.kind} ${event.time}`);
    }
  },
);

test.serial(
  'every file bad: the run fails with NoBatchError counting and naming the skipped files, instead of finishing 0 epochs',
  async (t) => {
    const folder = await kaggleFolder(t, 4);
    const { entries } = await listKaggleFolder(folder);
    for (const { path } of entries) await writeFile(path, '');
    const error = await t.throwsAsync(run({ data: folder }), { instanceOf: NoBatchError });
    t.is(error.skipped.length, 3);
    t.regex(
      error.message,
      /^epoch 0 formed no batch: 3 of 3 files were skipped: .*cat\.\d\.jpg \(empty file \(0 bytes\)\)/,
    );
  },
);

test.serial('split 1 skips validation with one notice: no NaN validation, no best accuracy', async (t) => {
  const folder = await kaggleFolder(t, 4);
  const events = await run({ data: folder, split: 1, epochs: 2 });
  t.deepEqual(
    events.filter((e) => e.kind === 'notice').map((e) => e.kind === 'notice' && e.message),
    ['validation skipped: the validation data has no file (split 1 keeps every file for training)'],
  );
  t.is(events.filter((e) => e.kind === 'validation').length, 0);
  const done = events.at(-1);
  t.true(done?.kind === 'done' && done.bestAccuracy === null && done.epochs === 2);
});

test.serial('an epoch without a batch (a split leaving no training file) fails with EmptyEpochError', async (t) => {
  const folder = await kaggleFolder(t, 4);
  await t.throwsAsync(run({ data: folder, split: 0.1 }), {
    instanceOf: EmptyEpochError,
    message: /epoch 0 of the training data gave no batch/,
  });
  const tiny = tinyRun();
  const empty = { batchesPerEpoch: async () => 0, classes: async () => ['0', '1'], async *epoch() {} };
  await t.throwsAsync(lastValueFrom(fit(tiny.context, empty, { epochs: 1 })), { instanceOf: EmptyEpochError });
  tiny.dispose();
});
