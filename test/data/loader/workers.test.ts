import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { join } from 'node:path';
import { ImageDecodeError } from '../../../src/data/errors.js';
import {
  epochOrder,
  loader,
  SampleWorkerError,
  workerTransform,
  WorkerTransformError,
  type PumpStats,
} from '../../../src/data/loader/index.js';
import { listKaggleFolder } from '../../../src/data/sources/kaggle-folder.js';
import { seedTrainPipeline, seedValidPipeline } from '../../../src/data/transforms.js';
import { tempFolder } from '../../temp-folder.js';
import { catDogFolder } from './cat-dog-folder.js';
import { disposeBatch, entriesOf, readEpoch, sleep, syntheticTransform } from './synthetic.js';
import type { WorkerSyntheticOptions } from './worker-transforms.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const synthetic = (options: WorkerSyntheticOptions = {}) =>
  workerTransform(new URL('./worker-transforms.ts', import.meta.url), 'workerSynthetic', options);
const path = (i: number): string => `img/${i}.jpg`;

test.serial('the seed pipelines give bit-identical batches, notices and labels with 0, 1 and 2 workers', async (t) => {
  const dir = await catDogFolder(await tempFolder(t, 'workers'));
  const baseline = tf.memory().numTensors;
  const read = async (workers: number, valid: boolean) => {
    const transform = valid ? seedValidPipeline({ imageSize: 16 }) : seedTrainPipeline({ imageSize: 16 });
    const out = [];
    for await (const batch of loader(() => listKaggleFolder(dir, { mode: 'all' }), transform, {
      batchSize: 5,
      shuffle: !valid,
      seed: 11,
      workers,
    }).epoch(2)) {
      out.push({
        paths: batch.paths,
        skipped: batch.skipped,
        shape: batch.x.shape,
        x: Array.from(batch.x.dataSync()),
        y: Array.from(batch.y.dataSync()),
      });
      disposeBatch(batch);
    }
    return out;
  };
  for (const valid of [false, true]) {
    const inProcess = await read(0, valid);
    t.deepEqual(
      inProcess.map((b) => b.paths.length),
      [5, 5, 2],
    );
    t.deepEqual(
      inProcess.flatMap((b) => b.skipped.map((s) => s.path)),
      [join(dir, 'cat.99.jpg')],
    );
    t.deepEqual(inProcess[0]!.shape.slice(1), valid ? [10, 16, 16, 3] : [16, 16, 3]);
    t.deepEqual(await read(1, valid), inProcess, `${valid ? 'valid' : 'train'}: 1 worker`);
    t.deepEqual(await read(2, valid), inProcess, `${valid ? 'valid' : 'train'}: 2 workers`);
  }
  t.is(tf.memory().numTensors, baseline);
});

test.serial(
  'a transform from a module runs in the workers, in the seeded order, with the same values as in process',
  async (t) => {
    const read = (workers: number) =>
      readEpoch(
        loader(entriesOf(37), synthetic({ delayMs: 1 }), {
          batchSize: 4,
          shuffle: true,
          seed: 9,
          workers,
          prefetch: 1,
        }).epoch(3),
      );
    const inProcess = await read(0);
    t.deepEqual(inProcess.xIndices.flat(), epochOrder(37, 3, { shuffle: true, seed: 9 }));
    t.deepEqual(await read(2), inProcess);
    const values = async (workers: number) => {
      const out: number[] = [];
      for await (const batch of loader(entriesOf(9), synthetic(), { batchSize: 4, seed: 1, workers }).epoch(0))
        (out.push(...batch.x.dataSync()), disposeBatch(batch));
      return out;
    };
    t.deepEqual(await values(1), await values(0), 'per-sample random draws match');
  },
);

test.serial('a closure with workers > 0 is a WorkerTransformError, as are arguments a worker cannot receive', (t) => {
  const error = t.throws(() => loader(entriesOf(3), syntheticTransform(), { batchSize: 2, workers: 1 }), {
    instanceOf: WorkerTransformError,
  });
  t.regex(error.message, /closure/);
  t.regex(error.message, /workers: 0/);
  t.throws(() => loader(entriesOf(3), seedTrainPipeline({ onSkipped: () => {} }), { batchSize: 2, workers: 1 }), {
    instanceOf: WorkerTransformError,
  });
  t.throws(() => workerTransform('relative/module.js', 'f'), { instanceOf: WorkerTransformError });
});

test.serial('skipped files are reported in order, in the next batch, whatever the worker count', async (t) => {
  const bad = [1, 5, 9, 10, 11, 12, 13].map(path);
  for (const workers of [1, 2]) {
    const epoch = await readEpoch(loader(entriesOf(16), synthetic({ bad }), { batchSize: 3, workers }).epoch(0));
    t.deepEqual(
      epoch.paths,
      [
        [0, 2, 3],
        [4, 6, 7],
        [8, 14, 15],
      ].map((b) => b.map(path)),
    );
    t.deepEqual(epoch.skipped, [[path(1)], [path(5)], [path(9), path(10), path(11), path(12), path(13)]]);
  }
  const error = await t.throwsAsync(
    readEpoch(loader(entriesOf(16), synthetic({ bad }), { batchSize: 3, workers: 2, onBadImage: 'fail' }).epoch(0)),
    { instanceOf: ImageDecodeError },
  );
  t.is(error?.path, path(1));
});

test.serial(
  'a transform that throws in a worker, or a worker that dies, fails the epoch with a SampleWorkerError naming the file',
  async (t) => {
    const baseline = tf.memory().numTensors;
    const thrown = await t.throwsAsync(
      readEpoch(loader(entriesOf(30), synthetic({ throwOn: [path(17)] }), { batchSize: 4, workers: 2 }).epoch(0)),
      { instanceOf: SampleWorkerError },
    );
    t.is(thrown?.path, path(17));
    t.regex(thrown.message, /RangeError: augmentation out of range/);
    const died = await t.throwsAsync(
      readEpoch(
        loader(entriesOf(30), synthetic({ exitOn: [path(21)], delayMs: 2 }), { batchSize: 4, workers: 2 }).epoch(0),
      ),
      { instanceOf: SampleWorkerError },
    );
    t.is(died?.path, path(21));
    t.regex(died.message, /worker stopped/);
    const after = await readEpoch(loader(entriesOf(6), synthetic(), { batchSize: 4, workers: 2 }).epoch(0));
    t.deepEqual(after.paths.flat(), [0, 1, 2, 3, 4, 5].map(path), 'the pool replaced the dead worker');
    t.is(tf.memory().numTensors, baseline);
  },
);

test.serial(
  'a slow consumer bounds the workers: ≤ prefetch batches ready, held and in-flight samples within the window',
  async (t) => {
    const [batchSize, prefetch] = [4, 2];
    const stats: PumpStats[] = [];
    let pulled = 0;
    for await (const batch of loader(entriesOf(64), synthetic({ delayMs: 1 }), {
      batchSize,
      prefetch,
      workers: 2,
      monitor: (s) => stats.push(s),
    }).epoch(0)) {
      pulled += batch.paths.length;
      await sleep(40);
      disposeBatch(batch);
    }
    t.is(pulled, 64);
    const window = (prefetch + 1) * batchSize;
    t.true(
      stats.every((s) => s.ready <= prefetch),
      `ready peaked at ${Math.max(...stats.map((s) => s.ready))}`,
    );
    t.is(Math.max(...stats.map((s) => s.ready)), prefetch, 'the workers did run ahead, up to the bound');
    t.true(
      stats.every((s) => s.held + s.inFlight <= window),
      `held + in flight peaked at ${Math.max(...stats.map((s) => s.held + s.inFlight))}, window ${window}`,
    );
  },
);
