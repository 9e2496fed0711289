import { existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { EXIT } from '../../src/cli/index.js';
import { checkTrainingMemory, TrainingMemoryError, trainingMemoryBytes } from '../../src/cli/training-memory.js';
import { tempFolder } from '../temp-folder.js';
import { cliRun, twoColourFolder } from './tiny-run.js';

const seedRun = { imageSize: 224, widthDivisor: 1, numClasses: 2, batchSize: 128, validBatchSize: 4 };

test.serial(
  "the seed's run (224 px, batch 128, full width) fits wasm's 4 GiB; the estimate grows with the batch and the image",
  (t) => {
    t.notThrows(() => checkTrainingMemory(seedRun, 'wasm'));
    t.notThrows(() => checkTrainingMemory(seedRun, 'auto'));
    const base = trainingMemoryBytes(seedRun).total;
    t.true(trainingMemoryBytes({ ...seedRun, batchSize: 256 }).total > base);
    t.true(trainingMemoryBytes({ ...seedRun, imageSize: 448 }).total > base);
    t.true(trainingMemoryBytes({ ...seedRun, widthDivisor: 4 }).total < base);
  },
);

for (const [flags, flag] of [
  [['--image-size', '2000', '--batch-size', '2', '--backend', 'wasm'], 'image-size'],
  [['--batch-size', '1000000'], 'batch-size'],
] as const) {
  test.serial(
    `train ${flags.join(' ')} is refused up front with exit 2 naming --${flag}, and leaves no run folder`,
    async (t) => {
      const dir = await tempFolder(t, 'train-limits');
      const data = await twoColourFolder(join(dir, 'data'), 1);
      const out = join(dir, 'run');
      const started = performance.now();
      const result = await cliRun(['train', '--data', data, '--out', out, '--num-classes', '2', ...flags]);
      t.is(result.code, EXIT.usage, result.err);
      t.regex(result.err, new RegExp(`^rxtrain: --${flag}: this run needs about [\\d.]+ GB`));
      t.true(performance.now() - started < 10_000);
      t.false(existsSync(out));
      t.throws(() => checkTrainingMemory({ ...seedRun, batchSize: 1_000_000 }, 'cpu'), {
        instanceOf: TrainingMemoryError,
      });
    },
  );
}

test.serial('train --width-divisor 1000 (a net of one channel per layer) exits 2 naming the flag', async (t) => {
  const result = await cliRun(['train', '--data', 'nowhere', '--width-divisor', '1000']);
  t.is(result.code, EXIT.usage);
  t.regex(result.err, /--width-divisor/);
});

test.serial('predict, eval and export read RXTRAIN_BACKEND, and refuse a bad value naming it', async (t) => {
  const saved = process.env.RXTRAIN_BACKEND;
  process.env.RXTRAIN_BACKEND = 'cpux';
  t.teardown(() => (saved === undefined ? delete process.env.RXTRAIN_BACKEND : (process.env.RXTRAIN_BACKEND = saved)));
  const dir = await tempFolder(t, 'backend-env');
  const data = await twoColourFolder(join(dir, 'data'), 1);
  for (const args of [
    ['predict', data],
    ['eval', data],
    ['export', '--format', 'pth', '--out', join(dir, 'x.pth')],
  ]) {
    const result = await cliRun([...args, '--weights', join(dir, 'missing.pth')]);
    t.is(result.code, EXIT.failed, `${args[0]}: ${result.err}`);
    t.regex(result.err, /RXTRAIN_BACKEND is 'cpux'/, args[0]);
  }
});
