import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { parameterGroups } from '../../../src/models/parameter-groups.js';
import {
  adam,
  adamw,
  crossEntropy,
  withoutDecay,
  type Optimizer,
  type OptimizerGroup,
} from '../../../src/train/index.js';
import reference from '../reference/adamw-trajectory.json' with { type: 'json' };

test.before(async () => {
  await tf.setBackend('cpu');
});

const transpose = (m: number[][]): number[][] => m[0]!.map((_, j) => m.map((row) => row[j]!));

/** The reference's perceptron in TensorFlow.js, from PyTorch's initial weights. */
function perceptron(initial: Record<string, number[][] | number[]>): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'features.0', inputShape: [5], units: 4, activation: 'tanh' }),
      tf.layers.dense({ name: 'classifier.2', units: 3 }),
    ],
  });
  tf.tidy(() =>
    model.setWeights([
      tf.tensor2d(transpose(initial['0.weight'] as number[][])),
      tf.tensor1d(initial['0.bias'] as number[]),
      tf.tensor2d(transpose(initial['2.weight'] as number[][])),
      tf.tensor1d(initial['2.bias'] as number[]),
    ]),
  );
  return model;
}

/** The reference's groups, made the way a user would: per-layer settings, then biases split off without decay. */
const referenceGroups = (model: tf.LayersModel): OptimizerGroup[] =>
  withoutDecay(parameterGroups(model).map((group, i) => ({ ...group, ...reference.layers[i] })));

function train(model: tf.LayersModel, optimizer: Optimizer, x: number[][], y: number[], steps: number): number[] {
  const xs = tf.tensor2d(x);
  const ys = tf.tensor1d(y, 'int32');
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { value, grads } = tf.variableGrads(
      () => crossEntropy(model.apply(xs) as tf.Tensor, ys),
      optimizer.trainableVariables(),
    );
    optimizer.step(grads);
    losses.push(value.dataSync()[0]!);
    tf.dispose([value, grads]);
  }
  tf.dispose([xs, ys]);
  return losses;
}

for (const kind of ['adamw', 'adam'] as const) {
  test(`${kind} follows PyTorch's ${kind === 'adamw' ? 'AdamW' : 'Adam'} for ${reference.steps} steps over four groups (reference/adamw-trajectory.py): weights within 1e-5 of their tensor's scale`, (t) => {
    const before = tf.memory().numTensors;
    const run = reference[kind];
    const model = perceptron(run.initial);
    const options = run.options as { lr: number; betas?: number[]; eps?: number; weight_decay: number };
    const make = kind === 'adamw' ? adamw : adam;
    const optimizer = make({
      lr: options.lr,
      weightDecay: options.weight_decay,
      eps: options.eps,
      betas: options.betas === undefined ? undefined : [options.betas[0]!, options.betas[1]!],
      groups: referenceGroups(model),
    });
    const losses = train(model, optimizer, run.x, run.y, reference.steps);
    losses.forEach((loss, i) =>
      t.true(
        Math.abs(loss - run.losses[i]!) <= 1e-5 * Math.abs(run.losses[i]!),
        `step ${i + 1}: loss ${loss} vs ${run.losses[i]}`,
      ),
    );
    const final = run.final as Record<string, number[][] | number[]>;
    const expected = [
      transpose(final['0.weight'] as number[][]).flat(),
      final['0.bias'] as number[],
      transpose(final['2.weight'] as number[][]).flat(),
      final['2.bias'] as number[],
    ];
    let worst = 0;
    let worstElement = 0;
    model.getWeights().forEach((w, i) => {
      const scale = Math.max(...expected[i]!.map(Math.abs));
      w.dataSync().forEach((v, j) => {
        worst = Math.max(worst, Math.abs(v - expected[i]![j]!) / scale);
        worstElement = Math.max(worstElement, Math.abs(v - expected[i]![j]!) / Math.abs(expected[i]![j]!));
      });
    });
    t.log(
      `largest difference from PyTorch relative to its tensor's largest weight: ${worst.toExponential(2)}; to the weight itself: ${worstElement.toExponential(2)}`,
    );
    t.true(worst <= 1e-5, `worst relative weight difference ${worst}`);
    const initial = [transpose(run.initial['0.weight']).flat()];
    t.true(Math.abs(model.getWeights()[0]!.dataSync()[0]! - initial[0]![0]!) > 1e-3, 'the weights moved');
    optimizer.dispose();
    model.dispose();
    t.is(tf.memory().numTensors, before);
  });
}

test("adamw's state (moments, step counts, β₁) restores into a fresh optimiser that continues identically", async (t) => {
  const before = tf.memory().numTensors;
  const run = reference.adamw;
  const steps = (model: tf.LayersModel, optimizer: Optimizer, n: number) => train(model, optimizer, run.x, run.y, n);
  const straight = perceptron(run.initial);
  const straightOptimizer = adamw({ lr: 0.02, groups: referenceGroups(straight) });
  steps(straight, straightOptimizer, 6);

  const first = perceptron(run.initial);
  const firstOptimizer = adamw({ lr: 0.02, groups: referenceGroups(first) });
  steps(first, firstOptimizer, 3);
  const state = await firstOptimizer.state();
  t.deepEqual(state.hyper?.steps, {
    'features.0/kernel': 3,
    'classifier.2/kernel': 3,
    'features.0/bias': 3,
    'classifier.2/bias': 3,
  });
  const second = perceptron(run.initial);
  second.setWeights(first.getWeights());
  const secondOptimizer = adamw({ lr: 0.02, groups: referenceGroups(second) });
  secondOptimizer.restore(state);
  steps(second, secondOptimizer, 3);
  t.deepEqual(
    second.getWeights().map((w) => Array.from(w.dataSync())),
    straight.getWeights().map((w) => Array.from(w.dataSync())),
  );
  t.throws(() => adam({ groups: referenceGroups(second) }).restore(state), {
    message: /adam: the saved state is adamw's/,
  });
  for (const o of [straightOptimizer, firstOptimizer, secondOptimizer]) o.dispose();
  for (const m of [straight, first, second]) m.dispose();
  t.is(tf.memory().numTensors, before);
});

test('withoutDecay puts every rank ≤ 1 weight (biases, norm scales and shifts) in a `.no_decay` group with weight decay 0', (t) => {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'features.0', inputShape: [3], units: 4 }),
      tf.layers.batchNormalization({ name: 'features.1' }),
      tf.layers.dense({ name: 'classifier.0', units: 2, useBias: false }),
    ],
  });
  const groups = withoutDecay(parameterGroups(model).map((g) => ({ ...g, lr: g.name === 'features' ? 0.1 : 0.2 })));
  t.deepEqual(
    groups.map((g) => [g.name, g.lr, g.weightDecay, g.variables.map((v) => v.originalName)]),
    [
      ['features', 0.1, undefined, ['features.0/kernel']],
      ['features.no_decay', 0.1, 0, ['features.0/bias', 'features.1/gamma', 'features.1/beta']],
      ['classifier', 0.2, undefined, ['classifier.0/kernel']],
    ],
  );
  model.dispose();
});

test('adam rejects betas outside [0, 1) naming the option', (t) => {
  t.throws(() => adamw({ betas: [1, 0.999], groups: [] }), {
    instanceOf: RangeError,
    message: /adamw: betas\[0\] must be in \[0, 1\), got 1/,
  });
});
