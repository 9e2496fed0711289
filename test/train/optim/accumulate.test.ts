import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { parameterGroups } from '../../../src/models/parameter-groups.js';
import { accumulateGradients, crossEntropy, sgd, type Optimizer } from '../../../src/train/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

/** Seeds start at 1: TensorFlow.js initialisers draw unseeded for seed 0. */
const mlp = (seed: number): tf.LayersModel =>
  tf.sequential({
    layers: [
      tf.layers.dense({
        name: 'features.0',
        inputShape: [3],
        units: 4,
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotNormal({ seed }),
      }),
      tf.layers.dense({
        name: 'classifier.1',
        units: 3,
        kernelInitializer: tf.initializers.glorotNormal({ seed: seed + 1 }),
      }),
    ],
  });

function step(model: tf.LayersModel, optimizer: Optimizer, x: tf.Tensor, y: tf.Tensor): void {
  const { value, grads } = tf.variableGrads(
    () => crossEntropy(model.apply(x) as tf.Tensor, y),
    optimizer.trainableVariables(),
  );
  optimizer.step(grads);
  tf.dispose([value, grads]);
}

const weights = (model: tf.LayersModel): number[] => model.getWeights().flatMap((w) => Array.from(w.dataSync()));
const initialWeights = (seed: number): number[] => {
  const model = mlp(seed);
  const values = weights(model);
  model.dispose();
  return values;
};

test('law: accumulating k batches of n equals one batch of k·n (SGD with momentum and weight decay, no BatchNorm)', (t) => {
  const before = tf.memory().numTensors;
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 1000 }),
      (k, n, updates, seed) => {
        const big = mlp(seed);
        const small = mlp(seed);
        const options = { lr: 0.3, momentum: 0.9, weightDecay: 0.01 };
        const plain = sgd({ ...options, groups: parameterGroups(big) });
        const accumulating = accumulateGradients(sgd({ ...options, groups: parameterGroups(small) }), k);
        for (let u = 0; u < updates; u++) {
          const x = tf.randomNormal([k * n, 3], 0, 1, 'float32', seed + u);
          const y = tf.randomUniformInt([k * n], 0, 3, seed + u);
          step(big, plain, x, y);
          for (let i = 0; i < k; i++) {
            const [xs, ys] = [x.slice(i * n, n), y.slice(i * n, n)];
            step(small, accumulating, xs, ys);
            tf.dispose([xs, ys]);
          }
          tf.dispose([x, y]);
        }
        const [a, b] = [weights(big), weights(small)];
        const initial = initialWeights(seed);
        const moved = a.some((v, i) => v !== initial[i]);
        plain.dispose();
        accumulating.dispose();
        big.dispose();
        small.dispose();
        return moved && a.every((v, i) => Math.abs(v - b[i]!) <= 1e-5 * Math.max(1, Math.abs(v)));
      },
    ),
    { numRuns: 20 },
  );
  t.is(tf.memory().numTensors, before);
});

test('gradients gathered towards an unfinished step are checkpointed: a restored optimiser finishes the step identically', async (t) => {
  const before = tf.memory().numTensors;
  const x = tf.randomNormal([6, 3], 0, 1, 'float32', 3);
  const y = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
  const thirds = [0, 1, 2].map((i) => [x.slice(i * 2, 2), y.slice(i * 2, 2)] as const);
  const straight = mlp(5);
  const straightOptimizer = accumulateGradients(sgd({ lr: 0.5, momentum: 0.9, groups: parameterGroups(straight) }), 3);
  for (const [xs, ys] of thirds) step(straight, straightOptimizer, xs, ys);

  const first = mlp(5);
  const firstOptimizer = accumulateGradients(sgd({ lr: 0.5, momentum: 0.9, groups: parameterGroups(first) }), 3);
  step(first, firstOptimizer, thirds[0]![0], thirds[0]![1]);
  const state = await firstOptimizer.state();
  t.is(state.hyper?.accumulated, 1);
  t.deepEqual(Object.keys(state.momentum).sort(), [
    'accumulated:classifier.1/bias',
    'accumulated:classifier.1/kernel',
    'accumulated:features.0/bias',
    'accumulated:features.0/kernel',
  ]);
  const second = mlp(5);
  const secondOptimizer = accumulateGradients(sgd({ lr: 0.5, momentum: 0.9, groups: parameterGroups(second) }), 3);
  secondOptimizer.restore(state);
  for (const [xs, ys] of thirds.slice(1)) step(second, secondOptimizer, xs, ys);
  t.deepEqual(weights(second), weights(straight));
  t.notDeepEqual(weights(second), initialWeights(5));
  for (const o of [straightOptimizer, firstOptimizer, secondOptimizer]) o.dispose();
  tf.dispose([x, y, ...thirds.flat()]);
  for (const m of [straight, first, second]) m.dispose();
  t.is(tf.memory().numTensors, before);
});
