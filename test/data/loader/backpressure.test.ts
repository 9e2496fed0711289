import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { loader, type PumpStats } from '../../../src/data/loader/index.js';
import { disposeBatch, entriesOf, sleep, syntheticTransform, TransformCounters } from './synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('a slow consumer bounds the producer: ≤ prefetch batches ready, ≤ concurrency in flight, one batch of tensors live', async (t) => {
  const batchSize = 4;
  const prefetch = 2;
  const concurrency = 3;
  const consumerMs = 60;
  const counters = new TransformCounters();
  const stats: PumpStats[] = [];
  const baseline = tf.memory().numTensors;
  let delivered = 0;
  let maxLiveTensors = 0;
  let maxUndelivered = 0;
  const watch = (): void => {
    maxLiveTensors = Math.max(maxLiveTensors, tf.memory().numTensors - baseline);
    maxUndelivered = Math.max(maxUndelivered, counters.finished - delivered);
  };
  const batches = loader(entriesOf(32), syntheticTransform({ delay: () => 2, counters }), {
    workers: 0,
    batchSize,
    prefetch,
    concurrency,
    monitor: (s) => (stats.push(s), watch()),
  });

  const startedWhenPulled: number[] = [];
  for await (const batch of batches.epoch(0)) {
    startedWhenPulled.push(counters.started);
    delivered += batch.paths.length;
    watch();
    await sleep(consumerMs); // the training step: 10× slower than making a batch
    watch();
    disposeBatch(batch);
  }

  t.is(delivered, 32);
  t.true(
    stats.every((s) => s.ready <= prefetch),
    `ready batches peaked at ${Math.max(...stats.map((s) => s.ready))}`,
  );
  t.is(Math.max(...stats.map((s) => s.ready)), prefetch, 'the producer did run ahead, up to the bound');
  t.true(stats.every((s) => s.inFlight <= concurrency));
  t.true(counters.maxInFlight <= concurrency, `the transform saw ${counters.maxInFlight} samples at once`);
  const window = (prefetch + 1) * batchSize;
  t.true(maxUndelivered <= window, `transformed but undelivered samples peaked at ${maxUndelivered}, window ${window}`);
  t.true(
    startedWhenPulled.every((started, i) => started <= (i + 1) * batchSize + window),
    `samples started when batch i was pulled: ${startedWhenPulled}`,
  );
  t.is(maxLiveTensors, 2, 'only the batch the consumer holds (x and y) is ever live');
  t.is(tf.memory().numTensors, baseline);
});
