import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, take, tap, toArray } from 'rxjs';
import type { BatchLoader } from '../../src/data/batch-types.js';
import { fit, NonFiniteLossError, type StepEvent, type TrainEvent } from '../../src/train/index.js';
import { nextTurn, SIZE, tinyRun, useCpu } from './fixtures.js';
import { memoryLoader } from './memory-loader.js';

test.before(useCpu);

const steps = (events: TrainEvent[]) => events.filter((e): e is StepEvent => e.kind === 'step');

test.serial('fit emits a step per batch, an epoch per epoch and done, and frees every tensor it made', async (t) => {
  const baseline = tf.memory().numTensors;
  const run = tinyRun();
  const events = await lastValueFrom(fit(run.context, run.loader, { epochs: 2 }).pipe(toArray()));
  t.deepEqual(
    events.map((e) => (e.kind === 'step' ? `${e.epoch}.${e.iteration}/${e.iterations}#${e.step}` : e.kind)),
    ['0.1/3#1', '0.2/3#2', '0.3/3#3', 'epoch', '1.1/3#4', '1.2/3#5', '1.3/3#6', 'epoch', 'done'],
  );
  for (const e of steps(events)) {
    t.true(Number.isFinite(e.loss) && e.loss > 0);
    t.true(e.accuracy >= 0 && e.accuracy <= 1);
    t.deepEqual(e.lrs, [0.05, 0.05]);
    t.true(e.imagesPerSecond > 0);
  }
  const epoch0 = events.find((e) => e.kind === 'epoch');
  const epoch0Steps = steps(events).filter((e) => e.epoch === 0);
  t.true(epoch0?.kind === 'epoch' && Math.abs(epoch0.loss - epoch0Steps.reduce((s, e) => s + e.loss, 0) / 3) < 1e-6);
  t.is(run.context.epoch, 2);
  t.is(run.context.step, 6);
  run.dispose();
  t.is(tf.memory().numTensors, baseline);
});

test.serial('done carries the trained first convolution as the kernel bank for the kernel picture', async (t) => {
  const run = tinyRun();
  const events = await lastValueFrom(fit(run.context, run.loader, { epochs: 1 }).pipe(toArray()));
  const done = events.at(-1);
  const conv = run.model.weights.find((w) => w.shape.length === 4);
  t.truthy(conv);
  t.true(done?.kind === 'done');
  if (done?.kind !== 'done' || conv === undefined) return;
  t.deepEqual(done.firstLayerKernels?.shape, conv.shape);
  t.deepEqual(done.firstLayerKernels?.values, Array.from(conv.read().dataSync()));
  run.dispose();
});

test.serial('the same seed replays the same losses, dropout included; another seed does not', async (t) => {
  const losses = async (seed: number) => {
    const run = tinyRun({ seed });
    const events = await lastValueFrom(fit(run.context, run.loader, { epochs: 1 }).pipe(toArray()));
    run.dispose();
    return steps(events).map((e) => e.loss);
  };
  const first = await losses(620);
  t.deepEqual(await losses(620), first);
  t.notDeepEqual(await losses(621), first);
});

test.serial('unsubscribing mid-epoch stops the loop and frees every tensor, batches included', async (t) => {
  const baseline = tf.memory().numTensors;
  const run = tinyRun({ count: 64 });
  const seen = await lastValueFrom(fit(run.context, run.loader, { epochs: 3 }).pipe(take(2), toArray()));
  t.is(seen.length, 2);
  await nextTurn();
  const stepAtStop = run.context.step;
  await nextTurn();
  t.is(run.context.step, stepAtStop);
  t.is(run.loader.live(), 0);
  run.dispose();
  t.is(tf.memory().numTensors, baseline);
});

test.serial('a NaN loss stops the run with an error naming the step and the learning rate', async (t) => {
  const baseline = tf.memory().numTensors;
  const run = tinyRun({ lr: 0.01 });
  const images = Float32Array.from(run.data.images);
  images.fill(Number.NaN, 2 * 8 * SIZE * SIZE * 3); // every image of the third batch onwards
  const poisoned = memoryLoader(images, run.data.labels, { batchSize: 8, sampleShape: [SIZE, SIZE, 3] });
  const error = await t.throwsAsync(lastValueFrom(fit(run.context, poisoned, { epochs: 1 })), {
    instanceOf: NonFiniteLossError,
  });
  t.regex(error.message, /loss is NaN at step 3 \(epoch 0, iteration 3\) with learning rate 0\.01/);
  await nextTurn();
  run.dispose();
  t.is(tf.memory().numTensors, baseline);
});

test.serial('maxSteps ends the run early with done', async (t) => {
  const run = tinyRun();
  const events = await lastValueFrom(fit(run.context, run.loader, { epochs: 5, maxSteps: 4 }).pipe(toArray()));
  t.is(steps(events).length, 4);
  t.is(events.at(-1)?.kind, 'done');
  run.dispose();
});

test.serial(
  'no stall: step k is read after step k + 1 was dispatched, and batch k + 1 is requested before step k runs',
  async (t) => {
    const run = tinyRun();
    const log: string[] = [];
    const loader: BatchLoader = {
      ...run.loader,
      epoch: (epoch) => ({
        [Symbol.asyncIterator]: () => {
          const inner = run.loader.epoch(epoch)[Symbol.asyncIterator]();
          return { next: () => (log.push('pull'), inner.next()), return: () => inner.return!() };
        },
      }),
    };
    await lastValueFrom(
      fit(run.context, loader, { epochs: 1 }).pipe(
        tap((e) => e.kind === 'step' && log.push(`step ${e.step} read, ${run.context.step} dispatched`)),
      ),
    );
    t.deepEqual(log, [
      'pull',
      'pull',
      'pull',
      'step 1 read, 2 dispatched',
      'pull',
      'step 2 read, 3 dispatched',
      'step 3 read, 3 dispatched',
    ]);
    run.dispose();
  },
);

test.serial('files the loader skipped become skipped events', async (t) => {
  const run = tinyRun();
  const loader: BatchLoader = {
    ...run.loader,
    async *epoch(epoch) {
      let first = true;
      for await (const batch of run.loader.epoch(epoch)) {
        yield first ? { ...batch, skipped: [{ path: 'bad.jpg', reason: 'truncated' }] } : batch;
        first = false;
      }
    },
  };
  const events = await lastValueFrom(fit(run.context, loader, { epochs: 1 }).pipe(toArray()));
  t.deepEqual(
    events.filter((e) => e.kind === 'skipped'),
    [{ kind: 'skipped', path: 'bad.jpg', reason: 'truncated' }],
  );
  run.dispose();
});

test.serial('a loader that fails mid-epoch errors the run with its error and leaves no tensor behind', async (t) => {
  const baseline = tf.memory().numTensors;
  const run = tinyRun();
  const failing: BatchLoader = {
    ...run.loader,
    async *epoch(epoch) {
      let count = 0;
      for await (const batch of run.loader.epoch(epoch)) {
        if (++count === 2) {
          tf.dispose([batch.x, batch.y]);
          throw new Error('disk gone');
        }
        yield batch;
      }
    },
  };
  await t.throwsAsync(lastValueFrom(fit(run.context, failing, { epochs: 1 })), { message: 'disk gone' });
  await nextTurn();
  run.dispose();
  t.is(tf.memory().numTensors, baseline);
});
