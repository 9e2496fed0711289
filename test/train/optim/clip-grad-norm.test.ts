import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { clipGradNorm } from '../../../src/train/index.js';
import reference from '../reference/clip-grad-norm.json' with { type: 'json' };

test.before(async () => {
  await tf.setBackend('cpu');
});

for (const { maxNorm, normType, totalNorm, clipped } of reference.cases) {
  test(`clipGradNorm equals clip_grad_norm_ (max ${maxNorm}, ${normType}-norm; reference/clip-grad-norm.py) within 1e-6`, (t) => {
    const before = tf.memory().numTensors;
    const grads = Object.fromEntries(
      Object.entries(reference.grads).map(([name, g]) => [name, tf.tensor(g.values, g.shape)]),
    );
    const out = clipGradNorm(grads, { maxNorm, normType: normType === 'inf' ? Infinity : Number(normType) });
    const norm = out.totalNorm.dataSync()[0]!;
    t.true(Math.abs(norm - totalNorm) <= 1e-6 * Math.max(1, totalNorm), `total norm ${norm} vs ${totalNorm}`);
    for (const [name, values] of Object.entries(clipped)) {
      const got = out.grads[name]!.dataSync();
      values.forEach((v, i) => t.true(Math.abs(got[i]! - v) <= 1e-6, `${name}[${i}]: ${got[i]} vs ${v}`));
    }
    tf.dispose([out.totalNorm, out.grads, grads]);
    t.is(tf.memory().numTensors, before);
  });
}

test('clipGradNorm rejects a non-positive maxNorm, naming it', (t) => {
  t.throws(() => clipGradNorm({}, { maxNorm: 0 }), {
    instanceOf: RangeError,
    message: /maxNorm must be a positive number, got 0/,
  });
});
