import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { alexnet, loadTorchCheckpoint, loadWeights } from '../../src/models/index.js';
import { fixtureModels, fixturePath, readFloat32, readNhwcInput } from './fixtures.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

for (const [name, fixture] of Object.entries(fixtureModels)) {
  for (const format of ['checkpoint', 'legacy_checkpoint'] as const) {
    test.serial(
      `${name} (${format}): logits equal PyTorch's within 1e-4 of the largest logit, at every input size`,
      async (t) => {
        const stateDict = await loadTorchCheckpoint(fixturePath(fixture[format]));
        const model = alexnet({ widthDivisor: fixture.width_divisor, numClasses: fixture.num_classes, seed: 1 });
        t.is(model.countParams(), fixture.params);
        const before = tf.memory().numTensors;
        loadWeights(model, stateDict);
        for (const fixtureCase of fixture.cases) {
          const expected = readFloat32(fixtureCase.logits);
          const logits = tf.tidy(() => {
            const x = readNhwcInput(fixtureCase);
            return model.predict(x) as tf.Tensor;
          });
          t.deepEqual(logits.shape, fixtureCase.logits_shape);
          const actual = logits.dataSync();
          logits.dispose();
          const scale = Math.max(...expected.map(Math.abs));
          const error = Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!)));
          t.log(
            `${fixtureCase.input_shape_nchw.slice(2).join('×')}: max |Δlogit| = ${error.toExponential(2)}, largest |logit| = ${scale.toFixed(4)}`,
          );
          t.true(
            error <= 1e-4 * scale,
            `input ${fixtureCase.input_shape_nchw.join('×')}: error ${error} > 1e-4 × ${scale}`,
          );
        }
        t.is(tf.memory().numTensors, before);
        model.dispose();
      },
    );
  }
}
