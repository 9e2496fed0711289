import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loader } from '../../../src/data/loader/index.js';
import {
  countedEntriesOf,
  disposeBatch,
  entriesOf,
  sleep,
  syntheticTransform,
  TransformCounters,
} from './synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test.serial(
  'breaking out mid-epoch stops the transform at once, leaves no timers and frees every tensor',
  async (t) => {
    const counters = new TransformCounters();
    const baseline = { tensors: tf.memory().numTensors, timers: timers() };
    const batches = loader(entriesOf(1000), syntheticTransform({ delay: () => 30, counters }), {
      workers: 0,
      batchSize: 4,
      prefetch: 2,
      concurrency: 4,
    });
    let seen = 0;
    for await (const batch of batches.epoch(0)) {
      disposeBatch(batch);
      if (++seen === 2) break;
    }
    t.is(counters.inFlight, 0, 'every sample in the transform was unsubscribed');
    t.is(timers(), baseline.timers, 'no timer of the transform is left');
    const startedAtBreak = counters.started;
    await sleep(100);
    t.is(counters.started, startedAtBreak, 'nothing new starts after the break');
    t.true(startedAtBreak < 40, `only the decode window was started (${startedAtBreak} of 1000)`);
    t.is(tf.memory().numTensors, baseline.tensors);
  },
);

test('calling return() on an epoch iterator after a few pulls ends it: later pulls are done', async (t) => {
  const counters = new TransformCounters();
  const baseline = tf.memory().numTensors;
  const epoch = loader(entriesOf(200), syntheticTransform({ delay: () => 5, counters }), {
    workers: 0,
    batchSize: 8,
    concurrency: 2,
  }).epoch(3);
  const iterator = epoch[Symbol.asyncIterator]();
  const first = await iterator.next();
  t.false(first.done);
  if (!first.done) disposeBatch(first.value);
  await iterator.return?.();
  t.true((await iterator.next()).done);
  t.is(counters.inFlight, 0);
  t.is(tf.memory().numTensors, baseline);
});

test('an iterator released before its first pull reads nothing', async (t) => {
  const { source, listings } = countedEntriesOf(10);
  const iterator = loader(source, syntheticTransform(), { workers: 0, batchSize: 2 }).epoch(0)[Symbol.asyncIterator]();
  await iterator.return?.();
  t.is(listings(), 0);
});

const exitAfterBreak = async (
  child: string,
): Promise<{ code: number | null; output: string; brokeAt: number; exitMs: number }> => {
  const process_ = spawn(process.execPath, ['--import=tsx', fileURLToPath(new URL(child, import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  let brokeAt = 0;
  process_.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!brokeAt && output.includes('broke')) brokeAt = performance.now();
  });
  const code = await new Promise<number | null>((resolve) => process_.on('exit', resolve));
  return { code, output, brokeAt, exitMs: performance.now() - brokeAt };
};

test('a process that breaks out of an epoch of real sharp decodes exits by itself within 1 s, with no tensor left', async (t) => {
  const { code, output, brokeAt, exitMs } = await exitAfterBreak('break-early.child.ts');
  t.is(code, 0);
  t.regex(output, /broke 0\n/, 'no tensor is alive after the break');
  t.true(brokeAt > 0 && exitMs < 1000, `exited ${exitMs.toFixed(0)} ms after the break`);
});

test('breaking out with workers drops their outstanding samples: the process exits within 2 s, with no tensor left', async (t) => {
  const { code, output, brokeAt, exitMs } = await exitAfterBreak('break-early-workers.child.ts');
  t.is(code, 0);
  t.regex(output, /broke 0\n/, 'no tensor is alive after the break');
  // finishing the outstanding chunks would take 3.2 s or more; 2 s leaves room for a loaded machine
  t.true(brokeAt > 0 && exitMs < 2000, `exited ${exitMs.toFixed(0)} ms after the break`);
});
