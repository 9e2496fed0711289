import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import fc from 'fast-check';
import { epochOrder, loader } from '../../../src/data/loader/index.js';
import { countedEntriesOf, entriesOf, readEpoch, syntheticTransform } from './synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('an epoch order is a permutation of the positions', (t) => {
  fc.assert(
    fc.property(fc.nat(300), fc.nat(50), fc.integer(), (length, epoch, seed) => {
      const order = epochOrder(length, epoch, { shuffle: true, seed });
      t.deepEqual(
        [...order].sort((a, b) => a - b),
        Array.from({ length }, (_, i) => i),
      );
    }),
  );
});

test('epoch k of seed s is always the same order, and another epoch or seed gives another', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 20, max: 300 }), fc.nat(50), fc.integer(), (length, epoch, seed) => {
      const order = epochOrder(length, epoch, { shuffle: true, seed });
      t.deepEqual(epochOrder(length, epoch, { shuffle: true, seed }), order);
      t.notDeepEqual(epochOrder(length, epoch + 1, { shuffle: true, seed }), order);
      t.notDeepEqual(epochOrder(length, epoch, { shuffle: true, seed: seed + 1 }), order);
    }),
  );
});

test('without shuffle every epoch visits the listing order', (t) => {
  t.deepEqual(epochOrder(5, 3, { shuffle: false, seed: 9 }), [0, 1, 2, 3, 4]);
});

test('a shuffling loader gives each epoch its seeded order, re-reading the source, and repeats it for the same epoch', async (t) => {
  const counted = countedEntriesOf(23);
  const make = (source = entriesOf(23)) =>
    loader(source, syntheticTransform(), { workers: 0, batchSize: 5, shuffle: true, seed: 7 });
  const expected = (epoch: number) => epochOrder(23, epoch, { shuffle: true, seed: 7 }).map((i) => `img/${i}.jpg`);
  const first = make(counted.source);
  const epoch0 = await readEpoch(first.epoch(0));
  const epoch1 = await readEpoch(first.epoch(1));
  t.is(counted.listings(), 2, 'each epoch lists the cold source again');
  t.deepEqual(epoch0.paths.flat(), expected(0));
  t.deepEqual(epoch1.paths.flat(), expected(1));
  t.deepEqual(
    epoch0.paths.map((p) => p.length),
    [5, 5, 5, 5, 3],
  );
  t.deepEqual(
    (await readEpoch(make().epoch(1))).paths,
    epoch1.paths,
    'a new loader resuming at epoch 1 sees the same batches',
  );
  t.deepEqual(
    epoch1.xIndices.flat(),
    expected(1).map((p) => Number(/(\d+)/.exec(p)![1])),
    'x rows follow the paths',
  );
  t.deepEqual(
    epoch1.labels.flat(),
    epoch1.xIndices.flat().map((i) => i % 2),
    'y rows follow the paths',
  );
  t.is(await first.batchesPerEpoch(), 5);
});

test('dropLast drops the short last batch and batchesPerEpoch counts without it', async (t) => {
  const drop = loader(entriesOf(23), syntheticTransform(), { workers: 0, batchSize: 5, dropLast: true });
  const { paths } = await readEpoch(drop.epoch(0));
  t.deepEqual(
    paths.map((p) => p.length),
    [5, 5, 5, 5],
  );
  t.is(await drop.batchesPerEpoch(), 4);
  t.deepEqual(await drop.classes(), ['0', '1']);
});
