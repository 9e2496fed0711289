import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { runTraining } from '../../src/cli/run-training.js';
import type { Batch, BatchLoader } from '../../src/data/batch-types.js';
import { readJsonl } from '../../src/report/index.js';
import { RunFolderError, type TrainConfig } from '../../src/train/index.js';
import { captureIo } from './io.js';
import { tempFolder } from '../temp-folder.js';

const SIZE = 8;

/** Images whose label is whether the red channel is bright: two classes a tiny model learns. */
function stripesLoader(count: number, batchSize: number): BatchLoader {
  return {
    batchesPerEpoch: async () => Math.ceil(count / batchSize),
    classes: async () => ['cat', 'dog'],
    async *epoch(): AsyncGenerator<Batch> {
      for (let start = 0; start < count; start += batchSize) {
        const n = Math.min(batchSize, count - start);
        const labels = Array.from({ length: n }, (_, i) => (start + i) % 2);
        const x = tf.tidy(() =>
          tf.stack(labels.map((label) => tf.fill([SIZE, SIZE, 3], label).mul(tf.tensor1d([1, 0, -1])))),
        );
        yield { x, y: tf.tensor1d(labels, 'int32'), paths: labels.map((_, i) => `mem:${start + i}`), skipped: [] };
      }
    },
  };
}

const tinyModel = () =>
  tf.sequential({
    layers: [
      tf.layers.conv2d({
        name: 'features.0',
        inputShape: [SIZE, SIZE, 3],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({
        name: 'classifier.0',
        units: 2,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });

test('runTraining prints the seed lines every logInterval steps, logs every event and draws the curves of a real trainStream run, leaking no tensor', async (t) => {
  await tf.setBackend('cpu');
  const outDir = await tempFolder(t, 'run');
  const io = captureIo();
  const before = tf.memory().numTensors;
  await runTraining(
    {
      data: { train: stripesLoader(12, 4), valid: stripesLoader(4, 4) },
      model: tinyModel,
      epochs: 2,
      lr: 0.01,
      backend: 'cpu',
      outDir,
    },
    io,
    { logInterval: 2 },
  );
  t.is(tf.memory().numTensors, before);
  const events = await readJsonl(join(outDir, 'events.jsonl'));
  const steps = events.filter((e) => e.kind === 'step');
  t.is(steps.length, 6);
  t.is(events.filter((e) => e.kind === 'validation').length, 2);
  const done = events.at(-1);
  t.is(done?.kind, 'done');
  t.is(done?.kind === 'done' ? done.artifacts.curves : undefined, join(outDir, 'curves.png'));
  t.true(existsSync(join(outDir, 'curves.png')));
  const training = io.stdout.filter((line) => line.startsWith('Training:'));
  t.deepEqual(
    training.map((line) => /Iteration\[(\d+)/.exec(line)?.[1]),
    ['002', '003', '002', '003'],
  );
  t.regex(training[0]!, /^Training:Epoch\[001\/002\] Iteration\[002\/003\] Loss: \d\.\d{4} Acc:\d+\.\d{2}%/);
  t.regex(io.stdout.find((l) => l.startsWith('Valid:')) ?? '', /^Valid:Epoch\[001\/002\] Loss: /);
  t.true(io.stdout.at(-1)?.startsWith('Done: 2 epochs, 6 steps'));
});

const stripesRun = (outDir: string, extra: Partial<Omit<TrainConfig, 'outDir'>> = {}) =>
  runTraining(
    {
      data: { train: stripesLoader(8, 4), valid: stripesLoader(4, 4) },
      model: tinyModel,
      epochs: 1,
      backend: 'cpu',
      outDir,
      ...extra,
    },
    captureIo(),
  );

test.serial(
  'a second run into the same --out is refused, naming the way out; --force starts over with one run in the log',
  async (t) => {
    await tf.setBackend('cpu');
    const outDir = await tempFolder(t, 'reuse');
    await stripesRun(outDir);
    const error = await t.throwsAsync(stripesRun(outDir), { instanceOf: RunFolderError });
    t.is(
      error.message,
      `${outDir}: holds an earlier run (events.jsonl): resume it with --resume latest, start over with --force (which deletes it), or choose another --out`,
    );
    await stripesRun(outDir, { force: true });
    const events = await readJsonl(join(outDir, 'events.jsonl'));
    t.is(events.filter((e) => e.kind === 'done').length, 1);
  },
);

test.serial('a run that fails at start leaves no run folder behind', async (t) => {
  const parent = await tempFolder(t, 'failed');
  const outDir = join(parent, 'run');
  await t.throwsAsync(runTraining({ data: join(parent, 'no-such-folder'), outDir, backend: 'cpu' }, captureIo()));
  t.false(existsSync(outDir));
  t.deepEqual(readdirSync(parent), []);
});
