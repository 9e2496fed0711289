import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { alexnet, ModelOptionError, parameterGroups, replaceHead } from '../../src/models/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

test('replaceHead swaps classifier.6 for a fresh numClasses-wide layer and keeps every other weight', (t) => {
  const model = alexnet({ widthDivisor: 16, numClasses: 1000, seed: 3 });
  const body = model
    .getLayer('classifier.4')
    .getWeights()
    .map((w) => Array.from(w.dataSync()));
  const tensorsBefore = tf.memory().numTensors;
  const replaced = replaceHead(model, 2, { seed: 4 });
  t.is(tf.memory().numTensors, tensorsBefore, 'the old head (kernel, bias) is disposed, the new one allocated');
  t.deepEqual(
    replaced
      .getLayer('classifier.6')
      .getWeights()
      .map((w) => w.shape),
    [[256, 2], [2]],
  );
  t.deepEqual(
    replaced
      .getLayer('classifier.4')
      .getWeights()
      .map((w) => Array.from(w.dataSync())),
    body,
  );
  t.deepEqual(
    parameterGroups(replaced).map((g) => g.name),
    ['features', 'classifier'],
  );
  const bound = 1 / Math.sqrt(256);
  t.true(
    replaced
      .getLayer('classifier.6')
      .getWeights()
      .every((w) => w.dataSync().every((v) => Math.abs(v) <= bound)),
  );
  const y = tf.tidy(() => replaced.predict(tf.zeros([1, 96, 96, 3])) as tf.Tensor);
  t.deepEqual(y.shape, [1, 2]);
  y.dispose();
  replaced.dispose();
});

test('replaceHead refuses a non-positive class count', (t) => {
  const model = alexnet({ widthDivisor: 16 });
  t.throws(() => replaceHead(model, 0), { instanceOf: ModelOptionError });
  model.dispose();
});
