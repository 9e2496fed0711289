import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import {
  evaluateFolder,
  formatEvaluation,
  InferenceInputError,
  loadClassifier,
  type Classifier,
} from '../../src/infer/index.js';
import { inferFixture, reference } from './reference.js';

let classifier: Classifier;

test.before(async () => {
  await initBackend({ backend: 'wasm', wasmThreads: 1 });
  classifier = await loadClassifier({ weights: inferFixture(reference.model), labels: inferFixture('labels.txt') });
});
test.after.always(() => classifier?.model.dispose());

for (const [name, tenCrop] of [
  ['centre crop', false],
  ['ten crops', true],
] as const) {
  const expected = tenCrop ? reference.tenCrop : reference.centre;
  test.serial(
    `evaluateFolder (${name}) gives torchvision's top-1, top-5, per-class accuracy and confusion matrix on an ImageFolder`,
    async (t) => {
      const before = tf.memory().numTensors;
      const result = await evaluateFolder(classifier, inferFixture('images'), { tenCrop, batchSize: 6 });
      t.is(tf.memory().numTensors, before);
      t.is(result.layout, 'image-folder');
      t.is(result.images, 20);
      t.deepEqual(result.top1, { accuracy: expected.top1, error: 1 - expected.top1 });
      t.deepEqual(result.top5, { accuracy: expected.top5, error: 1 - expected.top5 });
      t.deepEqual(
        result.perClass,
        reference.classes.map((className, c) => ({ name: className, images: 2, accuracy: expected.perClass[c] })),
      );
      t.deepEqual(result.confusion, { classes: reference.classes, matrix: expected.confusion });
    },
  );
}

test.serial('the printed evaluation names every class in its per-class lines and the confusion matrix', async (t) => {
  const result = await evaluateFolder(classifier, inferFixture('images'));
  const text = formatEvaluation(result);
  t.regex(
    text,
    new RegExp(
      `^top-1: accuracy ${(reference.centre.top1 * 100).toFixed(2)}%, error ${((1 - reference.centre.top1) * 100).toFixed(2)}%$`,
      'm',
    ),
  );
  t.regex(text, new RegExp(`^top-5: accuracy ${(reference.centre.top5 * 100).toFixed(2)}%`, 'm'));
  for (const [c, className] of reference.classes.entries()) {
    t.regex(
      text,
      new RegExp(`^  ${className} +${(reference.centre.perClass[c]! * 100).toFixed(2)}%  \\(2 images\\)$`, 'm'),
    );
    t.regex(
      text,
      new RegExp(`^  ${className} +${reference.centre.confusion[c]!.map((n) => ` *${n}`).join(' ')}$`, 'm'),
    );
  }
});

test.serial('a folder in the Kaggle layout is evaluated with the classes matched by name', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-eval-kaggle-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await cp(inferFixture('images/fern/0.png'), join(dir, 'fern.0.png'));
  await cp(inferFixture('images/bee/1.png'), join(dir, 'bee.1.png'));
  const result = await evaluateFolder(classifier, dir);
  t.is(result.layout, 'kaggle');
  t.deepEqual(
    result.perClass.map((c) => [c.name, c.images]),
    [
      ['bee', 1],
      ['fern', 1],
    ],
  );
  const rows = reference.centre.predictions;
  const predicted = (path: string) => rows.find((r) => r.path === path)!.indices[0]!;
  t.is(result.confusion.matrix[1]![predicted('images/bee/1.png')], 1);
  t.is(result.confusion.matrix[5]![predicted('images/fern/0.png')], 1);
});

test.serial(
  "a folder whose classes are not the model's is refused naming the folder and the unknown class",
  async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'rxtrain-eval-unknown-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    await cp(inferFixture('images/fern/0.png'), join(dir, 'zebra.0.png'));
    const error = await t.throwsAsync(evaluateFolder(classifier, dir), { instanceOf: InferenceInputError });
    t.true(error.message.startsWith(dir));
    t.regex(error.message, /no output is named zebra/);
  },
);
