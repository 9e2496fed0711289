import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { InputConv2d } from '../../src/models/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const cases = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  size: fc.integer({ min: 5, max: 15 }),
  channels: fc.integer({ min: 1, max: 3 }),
  filters: fc.integer({ min: 1, max: 4 }),
  kernelSize: fc.integer({ min: 1, max: 5 }),
  strides: fc.integer({ min: 1, max: 4 }),
  padding: fc.constantFrom<'same' | 'valid'>('same', 'valid'),
  seed: fc.integer({ min: 0, max: 1000 }),
});
type Case = typeof cases extends fc.Arbitrary<infer T> ? T : never;

/** InputConv2d and tf.layers.conv2d with the same weights; for each, the output, the weight gradients and the kernels the gradient ran. */
async function bothWays({ n, size, channels, filters, kernelSize, strides, padding, seed }: Case) {
  const x = tf.randomUniform([n, size, size, channels], -1, 1, 'float32', seed);
  const ours = new InputConv2d({
    filters,
    kernelSize,
    strides,
    padding,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    biasInitializer: tf.initializers.randomUniform({ seed: seed + 1 }),
  });
  const theirs = tf.layers.conv2d({ filters, kernelSize, strides, padding });
  const run = async (layer: tf.layers.Layer) => {
    const y = layer.apply(x) as tf.Tensor;
    let grads: tf.NamedTensorMap = {};
    const profile = await tf.profile(() => {
      let value: tf.Scalar;
      ({ value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, tf.range(0, y.size).reshape(y.shape))) as tf.Scalar,
        layer.trainableWeights.map((w) => w.read() as tf.Variable),
      ));
      value.dispose();
    });
    const out = {
      y: await y.data(),
      kernel: await grads[(layer.trainableWeights[0]!.read() as tf.Variable).name]!.data(),
      bias: await grads[(layer.trainableWeights[1]!.read() as tf.Variable).name]!.data(),
      shape: y.shape,
      kernels: profile.kernelNames,
    };
    tf.dispose([y, ...Object.values(grads)]);
    return out;
  };
  ours.build(x.shape);
  theirs.build(x.shape);
  theirs.setWeights(ours.getWeights());
  const result = { ours: await run(ours), theirs: await run(theirs) };
  tf.dispose([x]);
  for (const weight of [...ours.weights, ...theirs.weights]) weight.dispose();
  return result;
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= 1e-4 * Math.max(1, Math.abs(b[i]!)));

test("law: InputConv2d gives tf.layers.conv2d's output and weight gradients, without computing the input's gradient", async (t) => {
  const before = tf.memory().numTensors;
  await fc.assert(
    fc.asyncProperty(cases, async (c) => {
      const { ours, theirs } = await bothWays(c);
      return (
        JSON.stringify(ours.shape) === JSON.stringify(theirs.shape) &&
        close(ours.y, theirs.y) &&
        close(ours.kernel, theirs.kernel) &&
        close(ours.bias, theirs.bias) &&
        !ours.kernels.includes('Conv2DBackpropInput') &&
        theirs.kernels.includes('Conv2DBackpropInput')
      );
    }),
    { numRuns: 40 },
  );
  t.is(tf.memory().numTensors, before);
});

test('a model with InputConv2d saves and loads as one: class, config and weights', async (t) => {
  const model = tf.sequential({
    layers: [
      new InputConv2d({
        name: 'features.0',
        inputShape: [23, 23, 3],
        filters: 4,
        kernelSize: 11,
        strides: 4,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
    ],
  });
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const again = await tf.loadLayersModel(tf.io.fromMemory(saved!));
  const layer = again.getLayer('features.0') as InputConv2d;
  t.is(layer.getClassName(), 'InputConv2d');
  t.like(layer, { filters: 4, kernelSize: 11, strides: 4, padding: 'valid' });
  t.deepEqual(await again.getWeights()[0]!.data(), await model.getWeights()[0]!.data());
  model.dispose();
  again.dispose();
});
