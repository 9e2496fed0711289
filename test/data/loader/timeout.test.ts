import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { loader, LoaderOptionError, SampleTimeoutError, workerTransform } from '../../../src/data/loader/index.js';
import { stuckTransform, type StuckOptions } from './stuck-transforms.js';
import { entriesOf } from './synthetic.js';

/** Every batch of one epoch, disposed; resolves with how many there were. */
async function drain(options: StuckOptions, loaderOptions: { workers: number; timeout: number }): Promise<number> {
  const transform =
    loaderOptions.workers === 0
      ? stuckTransform(options)
      : workerTransform(new URL('./stuck-transforms.ts', import.meta.url), 'stuckTransform', options);
  let batches = 0;
  for await (const batch of loader(entriesOf(6), transform, { batchSize: 2, ...loaderOptions }).epoch(0)) {
    tf.dispose([batch.x, batch.y]);
    batches += 1;
  }
  return batches;
}

for (const [what, options] of [
  ['a promise that never settles', { pendingOn: ['img/3.jpg'] }],
  ['an endless observable', { endlessOn: ['img/3.jpg'] }],
] as const) {
  test(`timeout: ${what} fails the epoch with a SampleTimeoutError naming the file, no tensor left behind`, async (t) => {
    t.timeout(20_000);
    const before = tf.memory().numTensors;
    const started = performance.now();
    const error = await t.throwsAsync(drain(options, { workers: 0, timeout: 200 }), { instanceOf: SampleTimeoutError });
    t.deepEqual(error?.paths, ['img/3.jpg']);
    t.regex(
      error?.message ?? '',
      /^img\/3\.jpg: its transform did not finish within the loader's timeout of 200 ms per sample/,
    );
    t.true(performance.now() - started < 10_000);
    t.is(tf.memory().numTensors, before);
  });
}

test('timeout: a busy loop in a worker fails the epoch naming the files of its chunk, without waiting for it', async (t) => {
  t.timeout(60_000);
  const started = performance.now();
  // A worker's start (importing the transform) counts against its first chunk: start it untimed first.
  t.is(await drain({}, { workers: 1, timeout: 0 }), 3);
  const error = await t.throwsAsync(drain({ spinOn: ['img/2.jpg'], spinMs: 40_000 }, { workers: 1, timeout: 1_000 }), {
    instanceOf: SampleTimeoutError,
  });
  t.true(error.paths.includes('img/2.jpg'), error?.message);
  t.true(performance.now() - started < 30_000, `${Math.round(performance.now() - started)} ms`);
});

test('timeout: samples that finish in time are batched as without one; a negative timeout is a LoaderOptionError', async (t) => {
  t.is(await drain({}, { workers: 0, timeout: 5_000 }), 3);
  t.throws(() => loader(entriesOf(2), stuckTransform(), { batchSize: 1, timeout: -1 }), {
    instanceOf: LoaderOptionError,
    message: /timeout/,
  });
});
