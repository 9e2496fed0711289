import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import {
  batch,
  BatchShapeError,
  collate,
  defaultConcurrency,
  epochOrder,
  loader,
  LoaderOptionError,
  type TransformedSample,
} from '../../../src/data/loader/index.js';
import { seededRandom } from '../../../src/data/random.js';
import { disposeBatch, entriesOf, imageOf, indicesInX, syntheticEntries, syntheticTransform } from './synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const samplesOf = (n: number, side = 2): TransformedSample[] =>
  syntheticEntries(n).map((e) => ({ ...e, random: seededRandom(0), image: imageOf(e.index, side) }));

test('collate stacks images into float32 [n, h, w, 3] and labels into int32 [n], in order', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), (n, side) => {
      const { x, y } = collate(samplesOf(n, side));
      t.deepEqual(x.shape, [n, side, side, 3]);
      t.is(x.dtype, 'float32');
      t.is(y.dtype, 'int32');
      t.deepEqual(
        Array.from(y.dataSync()),
        samplesOf(n).map((s) => s.label),
      );
      t.deepEqual(
        indicesInX({ x, y, paths: [], skipped: [] }),
        Array.from({ length: n }, (_, i) => i),
      );
      tf.dispose([x, y]);
    }),
  );
});

test('collate stacks crops into [n, crops, h, w, 3]', (t) => {
  const crops = samplesOf(3).map((s) => ({
    ...s,
    image: Array.from({ length: 10 }, (_, k) => imageOf(s.index * 10 + k, 4)),
  }));
  const { x, y } = collate(crops);
  t.deepEqual(x.shape, [3, 10, 4, 4, 3]);
  const values = x.dataSync();
  t.is(values[(2 * 10 + 7) * 48], 27, 'sample 2, crop 7');
  tf.dispose([x, y]);
});

test('a sample of another shape is a BatchShapeError naming its file, and no tensor is made', (t) => {
  const baseline = tf.memory().numTensors;
  const samples = [...samplesOf(2, 3), { ...samplesOf(3, 4)[2]! }];
  const error = t.throws(() => collate(samples), { instanceOf: BatchShapeError });
  t.is(error?.path, 'img/2.jpg');
  t.deepEqual(error?.actual, [4, 4, 3]);
  t.is(tf.memory().numTensors, baseline);
});

test('bad options are LoaderOptionErrors naming the option', (t) => {
  for (const [options, option] of [
    [{ batchSize: 0 }, 'batchSize'],
    [{ batchSize: 2, prefetch: 0 }, 'prefetch'],
    [{ batchSize: 2, concurrency: 1.5 }, 'concurrency'],
    [{ batchSize: 2, onBadImage: 'ignore' }, 'onBadImage'],
    [{ batchSize: 2, workers: -1 }, 'workers'],
  ] as const) {
    const error = t.throws(() => loader(entriesOf(1), syntheticTransform(), options as never), {
      instanceOf: LoaderOptionError,
    });
    t.is(error?.option, option);
  }
  t.throws(() => batch(0), { instanceOf: LoaderOptionError });
});

test('the batch operator collates a push stream in arrival order, keeping or dropping the short last batch', async (t) => {
  for (const dropLast of [false, true]) {
    const batches = await lastValueFrom(from(samplesOf(7)).pipe(batch(3, { dropLast }), toArray()));
    t.deepEqual(
      batches.map((b) => b.paths.length),
      dropLast ? [3, 3] : [3, 3, 1],
    );
    t.deepEqual(
      batches.flatMap((b) => indicesInX(b)),
      dropLast ? [0, 1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6],
    );
    batches.forEach(disposeBatch);
  }
});

test('a shuffling batch operator gives the same batches as the loader for the same seed and epoch, whatever the arrival order', async (t) => {
  const arrival = [...samplesOf(11)].reverse();
  const pushed = await lastValueFrom(from(arrival).pipe(batch(4, { shuffle: true, seed: 5, epoch: 2 }), toArray()));
  const pulled = [];
  for await (const b of loader(entriesOf(11), syntheticTransform(), {
    workers: 0,
    batchSize: 4,
    shuffle: true,
    seed: 5,
  }).epoch(2))
    pulled.push(b);
  t.deepEqual(
    pushed.map((b) => b.paths),
    pulled.map((b) => b.paths),
  );
  t.deepEqual(pushed.flatMap(indicesInX), epochOrder(11, 2, { shuffle: true, seed: 5 }));
  [...pushed, ...pulled].forEach(disposeBatch);
});

test('default concurrency is one sample per libuv thread plus one', (t) => {
  t.is(defaultConcurrency({ UV_THREADPOOL_SIZE: '3' }), 4);
  t.is(defaultConcurrency({}), 5, "libuv's default pool of 4");
  t.is(defaultConcurrency({ UV_THREADPOOL_SIZE: 'lots' }), 5);
});
