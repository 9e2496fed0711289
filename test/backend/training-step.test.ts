import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import { alexnet } from '../../src/models/index.js';
import { relativeError, seededValues } from './agreement.js';

/** Tiny AlexNet (widthDivisor 16) on 96×96 images: every layer kind of the full model, in milliseconds. */
const IMAGE = 96;
/** The paper variant's smallest useful input (its classifier expects 6×6 features). */
const PAPER_IMAGE = 227;
const BATCH = 2;
const CLASSES = 2;
const STEPS = 10;

function inputs(image = IMAGE) {
  const x = tf.randomUniform([BATCH, image, image, 3], -1, 1, 'float32', 7);
  const y = tf.oneHot(tf.tensor1d([0, 1], 'int32'), CLASSES);
  return { x, y };
}

/** One SGD step: forward, `tf.variableGrads`, update. Returns the loss and the gradients' values. */
function trainingStep(model: tf.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor, y: tf.Tensor, training: boolean) {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(
      () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training }) as tf.Tensor) as tf.Scalar,
    );
    const gradients = Object.keys(grads)
      .sort()
      .map((name) => grads[name]!.dataSync() as Float32Array);
    optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
    return { loss: value.dataSync()[0]!, gradients };
  });
}

for (const backend of ['cpu', 'wasm'] as const) {
  test.serial(`tensors do not accumulate over ${STEPS} training steps on ${backend}`, async (t) => {
    await initBackend({ backend });
    const model = alexnet({ numClasses: CLASSES, widthDivisor: 16 });
    const optimizer = tf.train.sgd(1e-2);
    const { x, y } = inputs();
    trainingStep(model, optimizer, x, y, true);
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    const losses: number[] = [];
    for (let step = 0; step < STEPS; step += 1) losses.push(trainingStep(model, optimizer, x, y, true).loss);
    t.is(tf.memory().numTensors, tensors);
    t.is(tf.engine().backend.numDataIds(), buffers);
    t.true(losses.every(Number.isFinite));
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
}

/**
 * Weights that keep activations and gradients near unit scale through every layer (uniform, variance
 * 1/fan-in; zero biases). The paper's own N(0, 0.01) initialisation shrinks the last layers'
 * gradients to ~1e-8, where float32 rounding of the forward pass, not the kernels, sets the error.
 */
function varianceKeepingWeights(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w, i) => {
    const values = seededValues(1000 + i, w.size);
    if (w.rank === 1) return values.fill(0);
    const fanIn = w.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const scale = Math.sqrt(3 / fanIn);
    return values.map((v) => v * scale);
  });
}

for (const [variant, image] of [
  ['torchvision', IMAGE],
  ['paper', PAPER_IMAGE],
] as const) {
  test.serial(
    `a ${variant} AlexNet training step on wasm computes the same loss and gradients as on cpu`,
    async (t) => {
      const run = async (backend: 'cpu' | 'wasm', weights: Float32Array[] | undefined) => {
        await initBackend({ backend });
        const model = alexnet({ numClasses: CLASSES, widthDivisor: 16, variant });
        const values = weights ?? varianceKeepingWeights(model);
        tf.tidy(() => model.setWeights(model.getWeights().map((w, i) => tf.tensor(values[i]!, w.shape))));
        const snapshot = values;
        const { x, y } = inputs(image);
        const optimizer = tf.train.sgd(1e-2);
        const step = trainingStep(model, optimizer, x, y, false);
        tf.dispose([x, y]);
        optimizer.dispose();
        model.dispose();
        return { ...step, snapshot };
      };
      const cpu = await run('cpu', undefined);
      const wasm = await run('wasm', cpu.snapshot);
      t.true(Math.abs(wasm.loss - cpu.loss) <= 1e-4 * Math.max(1, Math.abs(cpu.loss)));
      t.is(wasm.gradients.length, cpu.gradients.length);
      const worst = Math.max(...wasm.gradients.map((g, i) => relativeError(g, cpu.gradients[i]!)));
      t.true(worst <= 1e-3, `largest relative gradient error ${worst}`);
    },
  );
}
