import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { alexnet } from '../../src/models/index.js';
import { firstLayerFeatureMaps } from '../../src/train/index.js';

test.serial(
  'feature maps are AlexNet features.0 on the padded image, before the ReLU, with no tensor left behind',
  async (t) => {
    await tf.setBackend('cpu');
    const model = alexnet({ numClasses: 2, widthDivisor: 16, seed: 3 });
    const image = tf.randomNormal([67, 67, 3], 0, 1, 'float32', 5) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const maps = await firstLayerFeatureMaps(model, image, 'cat.1.jpg');
    t.is(tf.memory().numTensors, before);
    const conv = model.getLayer('features.0');
    const [kernel, bias] = conv.getWeights();
    const expected = tf.tidy(() =>
      tf
        .conv2d(
          tf.pad(image, [
            [2, 2],
            [2, 2],
            [0, 0],
          ]) as tf.Tensor3D,
          kernel as tf.Tensor4D,
          4,
          'valid',
        )
        .add(bias!),
    );
    t.deepEqual(maps?.shape, expected.shape as [number, number, number]);
    t.deepEqual(maps?.shape, [16, 16, 4]);
    t.is(maps?.path, 'cat.1.jpg');
    const want = await expected.data();
    t.true(maps!.values.every((v, i) => Math.abs(v - want[i]!) <= 1e-4 * Math.max(1, Math.abs(want[i]!))));
    t.true(
      maps!.values.some((v) => v < 0),
      'negative responses: no ReLU applied',
    );
    tf.dispose([expected, image]);
    model.dispose();
  },
);

test.serial('a model without a convolution has no feature maps', async (t) => {
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [4, 4, 3] }), tf.layers.dense({ units: 2 })],
  });
  const image = tf.zeros([4, 4, 3]) as tf.Tensor3D;
  t.is(await firstLayerFeatureMaps(model, image, 'x'), undefined);
  tf.dispose(image);
  model.dispose();
});
