import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import fc from 'fast-check';
import {
  epochBatches,
  resolveLoaderOptions,
  sampleWork,
  type PumpItem,
  type PumpStats,
} from '../../../src/data/loader/index.js';
import { readEpoch, sleep, syntheticEntries, syntheticTransform } from './synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

/** `items` arriving one by one, each after its delay, counting how many were read. */
async function* arriving(
  items: readonly PumpItem[],
  delays: readonly number[],
  read: { count: number },
): AsyncGenerator<PumpItem> {
  for (const [i, item] of items.entries()) {
    const delay = delays[i] ?? 0;
    if (delay > 0) await sleep(delay);
    read.count += 1;
    yield item;
  }
}

const outcomeOf = (epoch: Promise<unknown>) =>
  epoch.catch((error: Error) => ({ error: `${error.name}: ${error.message}` }));

test('law: a stream of items, some already skipped, gives the batches of the same items listed, with the bad files skipped by the transform', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({ bad: fc.boolean(), delay: fc.integer({ min: 0, max: 3 }), work: fc.integer({ min: 0, max: 3 }) }),
        { maxLength: 24 },
      ),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 6 }),
      fc.boolean(),
      async (plan, batchSize, prefetch, concurrency, dropLast) => {
        const entries = syntheticEntries(plan.length);
        const bad = new Set(entries.filter((_, i) => plan[i]!.bad).map((e) => e.path));
        const stats: PumpStats[] = [];
        const options = (monitor?: (s: PumpStats) => void) =>
          resolveLoaderOptions({ batchSize, prefetch, concurrency, dropLast, workers: 0, monitor });
        const transform = syntheticTransform({ delay: (i) => plan[i]!.work, bad });
        const listed = await outcomeOf(readEpoch(epochBatches(entries, 0, sampleWork(transform, options()))));
        const items: PumpItem[] = entries.map((entry) =>
          bad.has(entry.path) ? { skipped: { path: entry.path, reason: 'not a JPEG' } } : entry,
        );
        const read = { count: 0 };
        const streamed = await outcomeOf(
          readEpoch(
            epochBatches(
              arriving(
                items,
                plan.map((p) => p.delay),
                read,
              ),
              0,
              sampleWork(
                transform,
                options((s) => stats.push(s)),
              ),
            ),
          ),
        );
        t.deepEqual(streamed, listed);
        t.is(read.count, plan.length);
        const window = (prefetch + 1) * batchSize + (dropLast ? batchSize : 1) - 1;
        t.true(
          stats.every((s) => s.held + s.inFlight <= window),
          'held and in-flight samples stay within the window',
        );
      },
    ),
    { numRuns: 40 },
  );
});

test('a slow consumer holds a stream back: items read stay within the window beyond what was delivered', async (t) => {
  const batchSize = 3;
  const prefetch = 1;
  const read = { count: 0 };
  const items = syntheticEntries(60);
  const options = resolveLoaderOptions({ batchSize, prefetch, workers: 0 });
  let delivered = 0;
  for await (const batch of epochBatches(arriving(items, [], read), 0, sampleWork(syntheticTransform(), options))) {
    delivered += batch.paths.length;
    tf.dispose([batch.x, batch.y]);
    await sleep(20);
    t.true(read.count <= delivered + (prefetch + 1) * batchSize, `read ${read.count} with ${delivered} delivered`);
    if (delivered >= 12) break;
  }
  t.true(read.count < items.length);
});
