import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import fc from 'fast-check';
import { epochOrder, loader } from '../../../src/data/loader/index.js';
import { entriesOf, readEpoch, syntheticTransform } from './synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('batches are the seeded order whatever the decode timing, concurrency or prefetch', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 3 }),
      fc.nat(5),
      fc.integer(),
      async (delays, batchSize, concurrency, prefetch, epoch, seed) => {
        const n = delays.length;
        const transform = syntheticTransform({ delay: (i) => delays[i]! });
        const batches = await readEpoch(
          loader(entriesOf(n), transform, { workers: 0, batchSize, concurrency, prefetch, shuffle: true, seed }).epoch(
            epoch,
          ),
        );
        const order = epochOrder(n, epoch, { shuffle: true, seed });
        t.deepEqual(batches.xIndices.flat(), order);
        t.deepEqual(
          batches.paths.flat(),
          order.map((i) => `img/${i}.jpg`),
        );
        t.true(batches.paths.slice(0, -1).every((b) => b.length === batchSize));
      },
    ),
    { numRuns: 25 },
  );
});
