import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { lastValueFrom, take, toArray } from 'rxjs';
import { ConfigError, trainStream, type StepEvent, type TrainEvent } from '../../src/train/index.js';
import { nextTurn, tinyTrainConfigs, useCpu } from './fixtures.js';
import { tempFolder } from '../temp-folder.js';

const config = tinyTrainConfigs(32);
test.before(useCpu);

const stepsOf = (events: TrainEvent[]) => events.filter((e): e is StepEvent => e.kind === 'step');

test.serial('trainStream runs the seed’s recipe: two lr groups, StepLR, validation per epoch, done', async (t) => {
  const baseline = tf.memory().numTensors;
  const events = await lastValueFrom(trainStream(config({ featuresLrScale: 0.1, epochs: 2 })).pipe(toArray()));
  t.deepEqual(
    stepsOf(events).map((e) => e.lrs.map((lr) => +lr.toPrecision(6))),
    [...Array(4).fill([0.001, 0.01]), ...Array(4).fill([0.0001, 0.001])],
  );
  t.deepEqual(
    events.filter((e) => e.kind !== 'step' && e.kind !== 'validating').map((e) => e.kind),
    ['epoch', 'lr', 'validation', 'epoch', 'lr', 'validation', 'done'],
  );
  t.is(tf.memory().numTensors, baseline);
});

test.serial('subscribing starts the run; unsubscribing frees the model and every tensor', async (t) => {
  const baseline = tf.memory().numTensors;
  const run$ = trainStream(config({ epochs: 3 }));
  await nextTurn();
  t.is(tf.memory().numTensors, baseline);
  const first = await lastValueFrom(run$.pipe(take(3), toArray()));
  t.is(first.length, 3);
  await nextTurn();
  t.is(tf.memory().numTensors, baseline);
});

test.serial('logInterval keeps every n-th step event and each epoch’s last', async (t) => {
  const events = await lastValueFrom(trainStream(config({ epochs: 1, logInterval: 3, lrDecay: null })).pipe(toArray()));
  t.deepEqual(
    stepsOf(events).map((e) => e.iteration),
    [3, 4],
  );
});

test.serial(
  'resume: "latest" continues where the checkpoint left off, with the losses of an uninterrupted run',
  async (t) => {
    const whole = await lastValueFrom(trainStream(config({ epochs: 3 })).pipe(toArray()));
    const outDir = await tempFolder(t, 'stream');
    await lastValueFrom(trainStream(config({ epochs: 2, outDir })));
    const resumed = await lastValueFrom(trainStream(config({ epochs: 3, outDir, resume: 'latest' })).pipe(toArray()));
    t.deepEqual(
      stepsOf(resumed).map((e) => e.loss),
      stepsOf(whole)
        .filter((e) => e.epoch === 2)
        .map((e) => e.loss),
    );
    const done = resumed.at(-1);
    t.true(done?.kind === 'done' && done.artifacts.checkpoint === join(outDir, 'checkpoints', 'epoch-0003.ckpt'));
  },
);

test.serial('numClasses must match the training data’s classes', async (t) => {
  const error = await t.throwsAsync(lastValueFrom(trainStream(config({ numClasses: 3 }))), { instanceOf: ConfigError });
  t.is(error.key, 'numClasses');
  t.regex(error.message, /expected 2, the training data's classes \(0, 1\), got 3/);
});
