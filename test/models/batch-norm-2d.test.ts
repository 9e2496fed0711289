import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { BatchNorm2d, loadModel, saveModel } from '../../src/models/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const batch = fc.record({
  n: fc.integer({ min: 1, max: 3 }),
  h: fc.integer({ min: 1, max: 4 }),
  w: fc.integer({ min: 2, max: 4 }),
  c: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 1000 }),
  momentum: fc.constantFrom(0.1, 0.01, 0.5),
  eps: fc.constantFrom(1e-5, 1e-3),
});

/** Per channel: mean, biased variance and unbiased variance of an NHWC array, by loops in float64. */
function channelStatistics(values: Float32Array, c: number) {
  const count = values.length / c;
  return Array.from({ length: c }, (_, k) => {
    let sum = 0;
    for (let i = k; i < values.length; i += c) sum += values[i]!;
    const mean = sum / count;
    let squares = 0;
    for (let i = k; i < values.length; i += c) squares += (values[i]! - mean) ** 2;
    return { mean, biased: squares / count, unbiased: squares / (count - 1) };
  });
}

/** A built layer with random γ, β and running statistics. */
function randomLayer(c: number, seed: number, args: ConstructorParameters<typeof BatchNorm2d>[0] = {}) {
  const layer = new BatchNorm2d(args);
  layer.build([null, null, null, c]);
  layer.setWeights([
    tf.randomUniform([c], 0.5, 1.5, 'float32', seed),
    tf.randomUniform([c], -0.5, 0.5, 'float32', seed + 1),
    tf.randomUniform([c], -0.5, 0.5, 'float32', seed + 2),
    tf.randomUniform([c], 0.5, 1.5, 'float32', seed + 3),
    tf.scalar(7),
  ]);
  return layer;
}

/** Frees a layer built by hand (`Layer.dispose` wants a layer applied symbolically). */
const disposeLayer = (layer: BatchNorm2d) => layer.weights.forEach((w) => w.dispose());

const weightsOf = (layer: BatchNorm2d) => layer.getWeights().map((w) => w.dataSync() as Float32Array);

test("law (train mode): the output is normalised with the batch's biased variance, running_var moves by momentum toward the unbiased variance, num_batches_tracked counts", (t) => {
  fc.assert(
    fc.property(batch, ({ n, h, w, c, seed, momentum, eps }) => {
      const layer = randomLayer(c, seed, { momentum, eps });
      const [gamma, beta, mean0, var0] = weightsOf(layer);
      const x = tf.randomNormal([n, h, w, c], 1, 2, 'float32', seed + 4);
      const y = layer.apply(x, { training: true }) as tf.Tensor;
      const [xs, ys] = [x.dataSync() as Float32Array, y.dataSync()];
      const stats = channelStatistics(xs, c);
      const [, , mean1, var1, tracked] = weightsOf(layer);
      tf.dispose([x, y]);
      disposeLayer(layer);
      const outputs = Array.from(ys).every((v, i) => {
        const k = i % c;
        return (
          Math.abs(v - (((xs[i]! - stats[k]!.mean) / Math.sqrt(stats[k]!.biased + eps)) * gamma![k]! + beta![k]!)) <
          2e-4
        );
      });
      const running = stats.every(
        (s, k) =>
          Math.abs(mean1![k]! - ((1 - momentum) * mean0![k]! + momentum * s.mean)) < 1e-5 &&
          Math.abs(var1![k]! - ((1 - momentum) * var0![k]! + momentum * s.unbiased)) < 1e-5 * Math.max(1, var1![k]!),
      );
      return outputs && running && tracked![0]! === 8;
    }),
    { numRuns: 40 },
  );
  t.pass();
});

test('law (eval mode, and a frozen layer in train mode): the running statistics normalise and nothing is updated', (t) => {
  fc.assert(
    fc.property(batch, fc.boolean(), ({ n, h, w, c, seed, eps }, frozen) => {
      const layer = randomLayer(c, seed, { eps, frozen });
      const weights = weightsOf(layer);
      const [gamma, beta, mean, variance] = weights;
      const x = tf.randomNormal([n, h, w, c], 0, 1, 'float32', seed);
      const y = layer.apply(x, { training: frozen }) as tf.Tensor;
      const [xs, ys] = [x.dataSync(), y.dataSync()];
      const unchanged = weightsOf(layer).every((after, i) => after.every((v, j) => v === weights[i]![j]));
      tf.dispose([x, y]);
      disposeLayer(layer);
      return (
        unchanged &&
        Array.from(ys).every((v, i) => {
          const k = i % c;
          return (
            Math.abs(v - (((xs[i]! - mean![k]!) / Math.sqrt(variance![k]! + eps)) * gamma![k]! + beta![k]!)) < 1e-5
          );
        })
      );
    }),
    { numRuns: 40 },
  );
  t.pass();
});

test('under tf.variableGrads only γ and β get gradients; the statistics update once per step and no tensor leaks', (t) => {
  const layer = randomLayer(3, 1);
  const x = tf.randomNormal([2, 3, 3, 3], 0, 1, 'float32', 2);
  const before = tf.memory().numTensors;
  const trainable = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  t.deepEqual(
    layer.trainableWeights.map((w) => w.originalName.split('/').at(-1)),
    ['gamma', 'beta'],
  );
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.square(layer.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar,
    trainable,
  );
  t.deepEqual(Object.keys(grads).sort(), trainable.map((v) => v.name).sort());
  t.is(weightsOf(layer)[4]![0], 8);
  tf.dispose([value, grads]);
  t.is(tf.memory().numTensors, before);
  x.dispose();
  disposeLayer(layer);
});

test('a batch with one value per channel cannot train, as in PyTorch: a RangeError naming the layer', (t) => {
  const layer = new BatchNorm2d({ name: 'bn1' });
  const x = tf.ones([1, 1, 1, 2]);
  t.throws(() => layer.apply(x, { training: true }), {
    instanceOf: RangeError,
    message: /bn1.*more than one value per channel/,
  });
  x.dispose();
  disposeLayer(layer);
});

test('saveModel → loadModel keeps eps, momentum, frozen and every statistic', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-bn-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const input = tf.input({ shape: [4, 4, 2] });
  const model = tf.model({
    inputs: input,
    outputs: new BatchNorm2d({ name: 'bn', eps: 1e-3, momentum: 0.01, frozen: true }).apply(input) as tf.SymbolicTensor,
  });
  model.layers[1]!.setWeights([
    tf.tensor1d([1, 2]),
    tf.tensor1d([3, 4]),
    tf.tensor1d([5, 6]),
    tf.tensor1d([7, 8]),
    tf.scalar(9),
  ]);
  await saveModel(model, dir);
  const loaded = await loadModel(dir);
  const layer = loaded.layers[1] as BatchNorm2d;
  t.deepEqual([layer.eps, layer.momentum, layer.frozen], [1e-3, 0.01, true]);
  t.deepEqual(
    layer.getWeights().map((w) => [...w.dataSync()]),
    [[1, 2], [3, 4], [5, 6], [7, 8], [9]],
  );
  model.dispose();
  loaded.dispose();
});
