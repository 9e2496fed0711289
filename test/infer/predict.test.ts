import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { firstValueFrom, from, lastValueFrom, toArray } from 'rxjs';
import { initBackend } from '../../src/backend/index.js';
import { loadClassifier, predict, type Classifier, type Prediction } from '../../src/infer/index.js';
import { inferFixture, reference, type ReferenceMode } from './reference.js';

let classifier: Classifier;

test.before(async () => {
  await initBackend({ backend: 'wasm', wasmThreads: 1 });
  classifier = await loadClassifier({ weights: inferFixture(reference.model), labels: inferFixture('labels.txt') });
});
test.after.always(() => classifier?.model.dispose());

const predictAll = (mode: ReferenceMode, options: { tenCrop: boolean; exactResize: boolean }): Promise<Prediction[]> =>
  lastValueFrom(
    from(mode.predictions.map((p) => inferFixture(p.path))).pipe(
      predict(classifier, { top: 10, batchSize: 7, ...options }),
      toArray(),
    ),
  );

/** Largest |p_rxtrain(c) − p_torch(c)| over every image and class. */
function largestDifference(mode: ReferenceMode, predictions: readonly Prediction[]): number {
  let largest = 0;
  mode.predictions.forEach((expected, i) => {
    const byClass = new Map(predictions[i]!.indices.map((c, k) => [c, predictions[i]!.probabilities[k]]));
    expected.indices.forEach(
      (c, k) => (largest = Math.max(largest, Math.abs(byClass.get(c)! - expected.probabilities[k]!))),
    );
  });
  return largest;
}

for (const [name, tenCrop] of [
  ['centre crop', false],
  ['ten crops', true],
] as const) {
  const mode = tenCrop ? reference.tenCrop : reference.centre;

  test.serial(
    `predict (${name}, Pillow-exact resize) gives torchvision's probabilities within 1e-4 and its top-5 order`,
    async (t) => {
      const before = tf.memory().numTensors;
      const predictions = await predictAll(mode, { tenCrop, exactResize: true });
      t.is(tf.memory().numTensors, before);
      t.deepEqual(
        predictions.map((p) => p.path),
        mode.predictions.map((p) => inferFixture(p.path)),
      );
      const difference = largestDifference(mode, predictions);
      t.log(`largest probability difference: ${difference.toExponential(2)}`);
      t.true(difference <= 1e-4, `${difference}`);
      mode.predictions.forEach((expected, i) => {
        t.deepEqual(predictions[i]!.indices.slice(0, 5), expected.indices, predictions[i]!.path);
        t.deepEqual(
          predictions[i]!.names.slice(0, 5),
          expected.indices.map((c) => reference.classes[c]),
        );
      });
    },
  );

  test.serial(
    `predict (${name}, resize while decoding) stays within 0.05 of torchvision's probabilities, same top-1 where it is clear`,
    async (t) => {
      const predictions = await predictAll(mode, { tenCrop, exactResize: false });
      const difference = largestDifference(mode, predictions);
      t.log(`largest probability difference: ${difference.toExponential(2)}`);
      t.true(difference <= 0.05, `${difference}`);
      const clear = mode.predictions.flatMap((p, i) => (p.probabilities[0]! - p.probabilities[1]! > 0.1 ? [i] : []));
      t.true(clear.length >= mode.predictions.length / 2);
      t.deepEqual(
        clear.map((i) => predictions[i]!.indices[0]),
        clear.map((i) => mode.predictions[i]!.indices[0]),
      );
    },
  );
}

test.serial('probabilities are sorted, in [0, 1], and sum to 1 over all classes', async (t) => {
  const predictions = await predictAll(reference.centre, { tenCrop: false, exactResize: false });
  for (const p of predictions) {
    t.true(p.probabilities.every((v, i) => v >= 0 && v <= 1 && (i === 0 || v <= p.probabilities[i - 1]!)));
    t.true(Math.abs(p.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  }
});

test.serial('a file that is not an image fails the stream naming it, and frees every tensor', async (t) => {
  const before = tf.memory().numTensors;
  const files = [inferFixture(reference.centre.predictions[0]!.path), inferFixture('reference.json')];
  const error = await t.throwsAsync(lastValueFrom(from(files).pipe(predict(classifier))));
  t.regex(error.message, /reference\.json/);
  t.is(tf.memory().numTensors, before);
});

test.serial('unsubscribing after the first prediction stops the stream and frees every tensor', async (t) => {
  const before = tf.memory().numTensors;
  const files = reference.centre.predictions.map((p) => inferFixture(p.path));
  const first = await firstValueFrom(from(files).pipe(predict(classifier, { batchSize: 2 })));
  t.is(first.path, files[0]!);
  for (let waited = 0; waited < 5000 && tf.memory().numTensors !== before; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  t.is(tf.memory().numTensors, before);
});
