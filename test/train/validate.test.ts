import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import { crossEntropy, evaluate, fit, imageLogits, stepLR, validate, type TrainEvent } from '../../src/train/index.js';
import { SIZE, tinyRun, useCpu } from './fixtures.js';
import { memoryLoader } from './memory-loader.js';
import { tinyModel } from './tiny-model.js';

test.before(useCpu);

test.serial('ten-crop logits are the mean of the logits of each crop', (t) => {
  const model = tinyModel({ size: 8, classes: 3 });
  const baseline = tf.memory().numTensors;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 1000 }), (n, seed) => {
      const [averaged, expected] = tf.tidy(() => {
        const crops = tf.randomUniform([n, 10, 8, 8, 3], 0, 1, 'float32', seed);
        const perCrop = tf.stack(
          tf.unstack(crops, 1).map((crop) => model.apply(crop, { training: false }) as tf.Tensor),
          1,
        );
        return [imageLogits(model, crops, true).arraySync(), perCrop.mean(1).arraySync()] as number[][][];
      });
      return averaged!.every((row, i) => row.every((v, j) => Math.abs(v - expected![i]![j]!) < 1e-5));
    }),
    { numRuns: 20 },
  );
  t.is(tf.memory().numTensors, baseline);
  t.throws(() => tf.tidy(() => imageLogits(model, tf.zeros([1, 8, 8, 3]), true)), {
    instanceOf: RangeError,
    message: /tenCrop/,
  });
  t.is(tf.memory().numTensors, baseline);
  model.dispose();
});

test.serial(
  'evaluate: accuracy, per-class accuracy, loss and top-5 agree with the logits computed directly',
  async (t) => {
    const classes = 7;
    const model = tinyModel({ size: 8, classes, seed: 9 });
    const count = 21;
    const images = Float32Array.from({ length: count * 8 * 8 * 3 }, (_, i) => Math.sin(i * 0.37) * 0.5 + 0.5);
    const labels = Array.from({ length: count }, (_, i) => i % classes);
    const loader = memoryLoader(images, labels, { batchSize: 4, sampleShape: [8, 8, 3] });
    const baseline = tf.memory().numTensors;
    const result = await evaluate(model, loader, crossEntropy);
    t.is(tf.memory().numTensors, baseline);
    const [logits, loss] = tf.tidy(() => {
      const out = model.apply(tf.tensor(images, [count, 8, 8, 3]), { training: false }) as tf.Tensor2D;
      return [out.arraySync(), crossEntropy(out, tf.tensor1d(labels, 'int32')).dataSync()[0]] as const;
    });
    const predicted = logits.map((row) => row.indexOf(Math.max(...row)));
    const rank = (row: number[], label: number) => row.filter((v) => v > row[label]!).length;
    t.is(result.images, count);
    t.is(result.accuracy, predicted.filter((p, i) => p === labels[i]).length / count);
    t.is(result.top5, logits.filter((row, i) => rank(row, labels[i]!) < 5).length / count);
    t.true(Math.abs(result.loss - loss!) < 1e-5);
    t.deepEqual(
      result.perClass,
      [...Array(classes).keys()].map((c) => predicted.filter((p, i) => labels[i] === c && p === c).length / 3),
    );
    model.dispose();
  },
);

test.serial('evaluate has no top5 with 5 classes or fewer, and runs without dropout (two passes agree)', async (t) => {
  const run = tinyRun();
  const first = await evaluate(run.model, run.loader, crossEntropy);
  const second = await evaluate(run.model, run.loader, crossEntropy);
  t.false('top5' in first);
  t.deepEqual(first, second);
  run.dispose();
});

test.serial(
  'validate runs after every `every`-th epoch, before the next step, and done carries the best accuracy',
  async (t) => {
    const baseline = tf.memory().numTensors;
    const run = tinyRun();
    const crops = memoryLoader(
      Float32Array.from({ length: 6 * 10 * SIZE * SIZE * 3 }, (_, i) => run.data.images[i % run.data.images.length]!),
      [0, 1, 0, 1, 0, 1],
      { batchSize: 4, sampleShape: [10, SIZE, SIZE, 3] },
    );
    const events: TrainEvent[] = await lastValueFrom(
      fit(run.context, run.loader, { epochs: 4 }).pipe(
        stepLR(run.context, { stepSize: 1 }),
        validate(run.context, crops, { every: 2, tenCrop: true }),
        toArray(),
      ),
    );
    const kinds = events.map((e) =>
      e.kind === 'step' ? `s${e.epoch}` : e.kind === 'validation' ? `v${e.epoch}` : e.kind,
    );
    t.deepEqual(
      kinds.filter((k) => k !== 'lr' && k !== 'validating'),
      [
        's0',
        's0',
        's0',
        'epoch',
        's1',
        's1',
        's1',
        'epoch',
        'v1',
        's2',
        's2',
        's2',
        'epoch',
        's3',
        's3',
        's3',
        'epoch',
        'v3',
        'done',
      ],
    );
    const validations = events.filter((e) => e.kind === 'validation');
    for (const v of validations) {
      t.true(v.accuracy >= 0 && v.accuracy <= 1 && v.perClass.length === 2 && Number.isFinite(v.loss));
    }
    const done = events.at(-1);
    t.true(done?.kind === 'done' && done.bestAccuracy === Math.max(...validations.map((v) => v.accuracy)));
    run.dispose();
    t.is(tf.memory().numTensors, baseline);
  },
);

test.serial('unsubscribing while a validation is running stops it and frees its tensors', async (t) => {
  const baseline = tf.memory().numTensors;
  const run = tinyRun();
  const slow = memoryLoader(Float32Array.from(run.data.images), run.data.labels, {
    batchSize: 2,
    sampleShape: [SIZE, SIZE, 3],
  });
  const kinds: string[] = [];
  await new Promise<void>((resolve) => {
    const subscription = fit(run.context, run.loader, { epochs: 3 })
      .pipe(validate(run.context, slow))
      .subscribe((e) => {
        kinds.push(e.kind);
        if (e.kind === 'epoch') {
          setImmediate(() => {
            subscription.unsubscribe();
            resolve();
          });
        }
      });
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.is(slow.live(), 0);
  t.false(kinds.includes('validation'));
  t.is(run.context.step, 3);
  run.dispose();
  t.is(tf.memory().numTensors, baseline);
});
