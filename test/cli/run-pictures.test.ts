import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import sharp from 'sharp';
import { runTraining } from '../../src/cli/run-training.js';
import type { Batch, BatchLoader } from '../../src/data/batch-types.js';
import { readJsonl, runCurves } from '../../src/report/index.js';
import type { DoneEvent } from '../../src/train/loop/events.js';
import { decodeEvent, readRecords } from '../report/tfevents-reader.js';
import { tempFolder } from '../temp-folder.js';
import { captureIo } from './io.js';

const SIZE = 12;

/** Images whose label is whether a bright vertical bar is on the left or the right. */
function barsLoader(count: number, batchSize: number): BatchLoader {
  const image = (label: number) =>
    tf.tidy(() => {
      const column = tf.oneHot(label ? SIZE - 3 : 2, SIZE).reshape([1, SIZE, 1]);
      return column.tile([SIZE, 1, 3]).mul(2).sub(1);
    });
  return {
    batchesPerEpoch: async () => Math.ceil(count / batchSize),
    classes: async () => ['cat', 'dog'],
    async *epoch(): AsyncGenerator<Batch> {
      for (let start = 0; start < count; start += batchSize) {
        const labels = Array.from({ length: Math.min(batchSize, count - start) }, (_, i) => (start + i) % 2);
        const x = tf.tidy(() => tf.stack(labels.map(image)));
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
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.reLU({ name: 'features.1' }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({
        name: 'classifier.0',
        units: 2,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });

test('a run and its resumption: feature-maps.png, curves over both without repeats, a TensorBoard file each', async (t) => {
  await tf.setBackend('cpu');
  const outDir = await tempFolder(t, 'pictures');
  const data = { train: barsLoader(8, 4), valid: barsLoader(4, 4) };
  const before = tf.memory().numTensors;
  await runTraining({ data, model: tinyModel, epochs: 2, lr: 0.01, backend: 'cpu', outDir }, captureIo());
  await runTraining(
    { data, model: tinyModel, epochs: 3, lr: 0.01, backend: 'cpu', outDir, resume: 'latest' },
    captureIo(),
  );
  t.is(tf.memory().numTensors, before);

  const events = await readJsonl(join(outDir, 'events.jsonl'));
  const done = events.filter((e): e is DoneEvent => e.kind === 'done');
  t.is(done.length, 2);
  const maps = done[1]!.firstLayerFeatureMaps;
  t.deepEqual(maps?.shape, [10, 10, 4]);
  t.is(maps?.path, 'mem:0');
  t.is(done[1]!.artifacts.featureMaps, join(outDir, 'feature-maps.png'));
  const png = await sharp(join(outDir, 'feature-maps.png')).metadata();
  t.is(png.format, 'png');

  const { loss, accuracy } = runCurves(events);
  t.deepEqual(
    loss.train.map((p) => p.x),
    [1, 2, 3, 4, 5, 6],
  );
  t.deepEqual(
    accuracy.valid.map((p) => p.x),
    [2, 4, 6],
  );
  t.true(existsSync(join(outDir, 'curves.png')));

  const files = (await readdir(outDir)).filter((n) => n.startsWith('events.out.tfevents.')).sort();
  t.is(files.length, 2);
  const second = readRecords(await readFile(join(outDir, files[1]!))).map((r) => decodeEvent(r.payload));
  t.deepEqual(
    second.filter((e) => e.sessionStatus === 1).map((e) => e.step),
    [5],
    'the resumed run starts TensorBoard over at step 5',
  );
  const tags = new Set(second.flatMap((e) => e.values.map((v) => v.tag)));
  for (const tag of [
    'train/loss',
    'train/accuracy',
    'train/lr',
    'valid/loss',
    'valid/accuracy',
    'kernels/first_layer',
    'feature_maps/first_layer',
  ]) {
    t.true(tags.has(tag), tag);
  }
});
