import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { parameterGroups } from '../../src/models/parameter-groups.js';
import { crossEntropy, sgd } from '../../src/train/index.js';
import { mlpGradients, sgdUpdate, type MlpWeights, type SgdHyper } from './mlp-reference.js';
import torchReference from './reference/sgd-trajectory.json' with { type: 'json' };

test.before(async () => {
  await tf.setBackend('cpu');
});

const flat = (m: number[][]): number[] => m.flat();
const flatStart = (w: MlpWeights): number[][] => [flat(w.w1), w.b1, flat(w.w2), w.b2];

function buildMlp(weights: MlpWeights): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        name: 'features.0',
        inputShape: [weights.w1.length],
        units: weights.b1.length,
        activation: 'tanh',
      }),
      tf.layers.dense({ name: 'classifier.1', units: weights.b2.length }),
    ],
  });
  tf.tidy(() =>
    model.setWeights([
      tf.tensor2d(weights.w1),
      tf.tensor1d(weights.b1),
      tf.tensor2d(weights.w2),
      tf.tensor1d(weights.b2),
    ]),
  );
  return model;
}

function trainTf(
  weights: MlpWeights,
  x: number[][],
  y: number[],
  steps: number,
  h: SgdHyper,
): { weights: number[][]; losses: number[] } {
  const model = buildMlp(weights);
  const [features, classifier] = parameterGroups(model);
  if (features === undefined || classifier === undefined)
    throw new Error('expected the features and classifier groups');
  const optimizer = sgd({
    lr: 1,
    momentum: h.momentum,
    dampening: h.dampening,
    weightDecay: h.weightDecay,
    nesterov: h.nesterov,
    groups: [
      { ...features, lr: h.lrs[0] },
      { ...classifier, lr: h.lrs[1] },
    ],
  });
  const xs = tf.tensor2d(x);
  const ys = tf.tensor1d(y, 'int32');
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { value, grads } = tf.variableGrads(
      () => crossEntropy(model.apply(xs, { training: true }) as tf.Tensor, ys),
      optimizer.trainableVariables(),
    );
    optimizer.step(grads);
    losses.push(value.dataSync()[0]!);
    tf.dispose([value, grads]);
  }
  const out = model.getWeights().map((w) => Array.from(w.dataSync()));
  optimizer.dispose();
  model.dispose();
  tf.dispose([xs, ys]);
  return { weights: out, losses };
}

function trainReference(start: MlpWeights, x: number[][], y: number[], steps: number, h: SgdHyper): number[][] {
  const params: [number[], number[], number[], number[]] = [
    flat(start.w1),
    [...start.b1],
    flat(start.w2),
    [...start.b2],
  ];
  const buffers: (number[] | undefined)[] = [undefined, undefined, undefined, undefined];
  const groupOf = [0, 0, 1, 1];
  for (let s = 0; s < steps; s++) {
    const shaped: MlpWeights = {
      w1: start.w1.map((row, i) => row.map((_, j) => params[0][i * row.length + j]!)),
      b1: params[1],
      w2: start.w2.map((row, i) => row.map((_, j) => params[2][i * row.length + j]!)),
      b2: params[3],
    };
    const { grads } = mlpGradients(shaped, x, y);
    const g = [flat(grads.w1), grads.b1, flat(grads.w2), grads.b2];
    params.forEach((p, i) => (buffers[i] = sgdUpdate(p, g[i]!, buffers[i], h.lrs[groupOf[i]!]!, h)));
  }
  return params;
}

const weight = fc.float({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true });
const matrix = (rows: number, cols: number) =>
  fc.array(fc.array(weight, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
const mlpCase = fc.record({
  weights: fc.record({
    w1: matrix(3, 4),
    b1: fc.array(weight, { minLength: 4, maxLength: 4 }),
    w2: matrix(4, 3),
    b2: fc.array(weight, { minLength: 3, maxLength: 3 }),
  }),
  x: matrix(5, 3),
  y: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
  hyper: fc
    .record({
      lrs: fc.tuple(fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.double({ min: 0.001, max: 0.5, noNaN: true })),
      momentum: fc.constantFrom(0, 0.5, 0.9),
      dampening: fc.constantFrom(0, 0.3),
      weightDecay: fc.constantFrom(0, 0.01, 0.1),
      nesterov: fc.boolean(),
    })
    .map((h) => (h.nesterov ? { ...h, momentum: h.momentum || 0.9, dampening: 0 } : h)),
});

test('sgd follows PyTorch SGD (momentum, dampening, weight decay, Nesterov, per-group lr) for four steps', (t) => {
  const before = tf.memory().numTensors;
  fc.assert(
    fc.property(mlpCase, ({ weights, x, y, hyper }) => {
      const got = trainTf(weights, x, y, 4, hyper).weights;
      const expected = trainReference(weights, x, y, 4, hyper);
      got.forEach((values, i) =>
        values.forEach((v, j) => {
          if (Math.abs(v - expected[i]![j]!) > 1e-4 * Math.max(1, Math.abs(expected[i]![j]!))) {
            throw new Error(`weight ${i}[${j}]: ${v} vs ${expected[i]![j]}`);
          }
        }),
      );
    }),
    { numRuns: 25 },
  );
  t.is(tf.memory().numTensors, before);
});

test("sgd reproduces PyTorch's own trajectory (two groups, momentum, weight decay; reference/sgd-trajectory.py) for five steps", (t) => {
  const before = tf.memory().numTensors;
  const { initial, final, x, y, groups, momentum, weightDecay, losses } = torchReference;
  const transpose = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));
  const start: MlpWeights = {
    w1: transpose(initial['0.weight']),
    b1: initial['0.bias'],
    w2: transpose(initial['2.weight']),
    b2: initial['2.bias'],
  };
  const hyper: SgdHyper = { lrs: [groups[0]!.lr, groups[1]!.lr], momentum, dampening: 0, weightDecay, nesterov: false };
  const got = trainTf(start, x, y, losses.length, hyper);
  const expected = [
    transpose(final['0.weight']).flat(),
    final['0.bias'],
    transpose(final['2.weight']).flat(),
    final['2.bias'],
  ];
  got.losses.forEach((loss, i) =>
    t.true(Math.abs(loss - losses[i]!) < 1e-5, `step ${i + 1}: loss ${loss} vs PyTorch ${losses[i]}`),
  );
  got.weights.forEach((values, i) =>
    values.forEach((v, j) =>
      t.true(Math.abs(v - expected[i]![j]!) < 1e-5, `weight ${i}[${j}]: ${v} vs PyTorch ${expected[i]![j]}`),
    ),
  );
  t.true(
    got.weights.some((values, i) => values.some((v, j) => Math.abs(v - flatStart(start)[i]![j]!) > 1e-3)),
    'the weights moved',
  );
  t.is(tf.memory().numTensors, before);
});

test('sgd by hand: first step initialises the momentum buffer to the gradient, then v = 0.9·v + g + wd·p', (t) => {
  const model = tf.sequential({
    layers: [tf.layers.dense({ name: 'classifier.0', inputShape: [2], units: 1, useBias: false })],
  });
  tf.tidy(() => model.setWeights([tf.tensor2d([[1], [-2]])]));
  const optimizer = sgd({ lr: 0.1, momentum: 0.9, weightDecay: 0.1, groups: parameterGroups(model) });
  const name = (model.weights[0]!.read() as tf.Variable).name;
  for (const g of [
    [0.5, 0.5],
    [1, -1],
  ]) {
    const grads = { [name]: tf.tensor2d(g, [2, 1]) };
    optimizer.step(grads);
    tf.dispose(grads);
  }
  // step 1: d = g + 0.1·p = [0.6, 0.3] = buf; p = [1, -2] - 0.1·buf = [0.94, -2.03]
  // step 2: d = [1.094, -1.203]; buf = 0.9·[0.6, 0.3] + d = [1.634, -0.933]; p = [0.7766, -1.9367]
  const p = model.getWeights()[0]!.dataSync();
  t.true(Math.abs(p[0]! - 0.7766) < 1e-6 && Math.abs(p[1]! - -1.9367) < 1e-6, `got ${p}`);
  optimizer.dispose();
  model.dispose();
});

test('a group with learning rate 0 is frozen and gets no momentum buffer', async (t) => {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'features.0', inputShape: [2], units: 2 }),
      tf.layers.dense({ name: 'classifier.1', units: 2 }),
    ],
  });
  const [features, classifier] = parameterGroups(model);
  if (features === undefined || classifier === undefined)
    throw new Error('expected the features and classifier groups');
  const optimizer = sgd({ lr: 0.1, momentum: 0.9, groups: [{ ...features, lr: 0 }, classifier] });
  const before = model.getWeights().map((w) => Array.from(w.dataSync()));
  const xs = tf.tensor2d([
    [1, 2],
    [3, -1],
  ]);
  const ys = tf.tensor1d([0, 1], 'int32');
  const { value, grads } = tf.variableGrads(
    () => crossEntropy(model.apply(xs) as tf.Tensor, ys),
    optimizer.trainableVariables(),
  );
  optimizer.step(grads);
  const after = model.getWeights().map((w) => Array.from(w.dataSync()));
  t.deepEqual(after.slice(0, 2), before.slice(0, 2));
  t.notDeepEqual(after.slice(2), before.slice(2));
  t.deepEqual(Object.keys((await optimizer.state()).momentum).sort(), ['classifier.1/bias', 'classifier.1/kernel']);
  tf.dispose([value, grads, xs, ys]);
  optimizer.dispose();
  model.dispose();
});

test('cross-entropy equals -log softmax of the true class, averaged', (t) => {
  fc.assert(
    fc.property(
      matrix(4, 3),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
      (logits, labels) => {
        const expected = logits.reduce((acc, row, i) => {
          const max = Math.max(...row);
          const total = row.reduce((s, v) => s + Math.exp(v - max), 0);
          return acc - (row[labels[i]!]! - max - Math.log(total)) / logits.length;
        }, 0);
        const got = tf.tidy(() => crossEntropy(tf.tensor2d(logits), tf.tensor1d(labels, 'int32')).dataSync()[0]);
        return Math.abs(got! - expected) < 1e-5;
      },
    ),
  );
  t.pass();
});
