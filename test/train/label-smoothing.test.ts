import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { crossEntropy, crossEntropyLoss } from '../../src/train/index.js';
import reference from './reference/label-smoothing.json' with { type: 'json' };

test.before(async () => {
  await tf.setBackend('cpu');
});

for (const { labelSmoothing, hard, soft } of reference.cases) {
  test(`crossEntropyLoss({ labelSmoothing: ${labelSmoothing} }) equals nn.CrossEntropyLoss on labels and on probabilities (reference/label-smoothing.py) within 1e-6`, (t) => {
    const before = tf.memory().numTensors;
    const loss = crossEntropyLoss({ labelSmoothing });
    const logits = tf.tensor2d(reference.logits);
    const labels = tf.tensor1d(reference.labels, 'int32');
    const probabilities = tf.tensor2d(reference.soft);
    const [gotHard, gotSoft] = [loss(logits, labels), loss(logits, probabilities)].map((s) => {
      const v = s.dataSync()[0];
      s.dispose();
      return v;
    });
    t.true(Math.abs(gotHard! - hard) <= 1e-6, `labels: ${gotHard} vs ${hard}`);
    t.true(Math.abs(gotSoft! - soft) <= 1e-6, `probabilities: ${gotSoft} vs ${soft}`);
    tf.dispose([logits, labels, probabilities]);
    t.is(tf.memory().numTensors, before);
  });
}

test('law: one-hot probabilities give the same loss as their integer labels', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 2, max: 6 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer(),
      (n, classes, smoothing, seed) => {
        const result = tf.tidy(() => {
          const logits = tf.randomNormal([n, classes], 0, 2, 'float32', seed);
          const labels = tf.randomUniformInt([n], 0, classes, seed);
          const loss = crossEntropyLoss({ labelSmoothing: smoothing });
          return [loss(logits, labels).dataSync()[0], loss(logits, tf.oneHot(labels, classes)).dataSync()[0]];
        });
        return Math.abs(result[0]! - result[1]!) <= 1e-6 * Math.max(1, Math.abs(result[0]!));
      },
    ),
    { numRuns: 30 },
  );
  t.pass();
});

test('crossEntropy is crossEntropyLoss without smoothing, and a smoothing outside [0, 1] is refused', (t) => {
  const value = tf.tidy(() => crossEntropy(tf.tensor2d([[2, -1]]), tf.tensor1d([1], 'int32')).dataSync()[0]);
  t.true(Math.abs(value! - (3 + Math.log(1 + Math.exp(-3)))) < 1e-6);
  t.throws(() => crossEntropyLoss({ labelSmoothing: 1.5 }), {
    instanceOf: RangeError,
    message: /labelSmoothing must be in \[0, 1\], got 1.5/,
  });
});
