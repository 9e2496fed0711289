import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { initBackend } from '../../../src/backend/index.js';
import { loader } from '../../../src/data/loader/index.js';
import { disposeBatch, entriesOf, indicesInX, syntheticTransform } from './synthetic.js';

test.before(async () => {
  await initBackend({ backend: 'wasm' });
});

test('on wasm, batches staged in one reused array keep their own values while the consumer holds them', async (t) => {
  t.is(tf.getBackend(), 'wasm');
  const baseline = tf.memory().numTensors;
  const held = [];
  for await (const batch of loader(entriesOf(10), syntheticTransform({ side: 3 }), { workers: 0, batchSize: 4 }).epoch(
    0,
  ))
    held.push(batch);
  t.deepEqual(held.map(indicesInX), [
    [0, 1, 2, 3],
    [4, 5, 6, 7],
    [8, 9],
  ]);
  t.deepEqual(
    held.map((b) => b.x.shape),
    [
      [4, 3, 3, 3],
      [4, 3, 3, 3],
      [2, 3, 3, 3],
    ],
  );
  held.forEach(disposeBatch);
  t.is(tf.memory().numTensors, baseline);
});
