import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { initBackend } from '../../src/backend/index.js';
import { SGD_UPDATE } from '../../src/backend/wasm-kernels/sgd-update.js';
import { parameterGroups } from '../../src/models/parameter-groups.js';
import { sgd } from '../../src/train/index.js';
import {
  canFuseSgdUpdate,
  sgdUpdateFused,
  sgdUpdateWithOps,
  type SgdUpdateAttrs,
} from '../../src/train/optim/sgd-parameter-update.js';

test.before(async () => {
  await initBackend({ backend: 'wasm' });
});

type Update = typeof sgdUpdateWithOps;

interface Case {
  readonly shape: number[];
  readonly parameter: Float32Array;
  /** One gradient per step. */
  readonly gradients: Float32Array[];
  readonly hyper: SgdUpdateAttrs;
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const cases = fc
  .record({
    shape: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 0, maxLength: 4 }),
    steps: fc.integer({ min: 1, max: 4 }),
    special: fc.boolean(),
    hyper: fc.record({
      lr: fc.double({ min: 1e-6, max: 2, noNaN: true }),
      momentum: fc.oneof(fc.constant(0), fraction),
      dampening: fc.oneof(fc.constant(0), fraction),
      weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.5, noNaN: true })),
      nesterov: fc.boolean(),
    }),
  })
  .chain(({ shape, steps, special, hyper }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const numbers = fc.float32Array({
      minLength: size,
      maxLength: size,
      ...(special ? {} : { min: -1e3, max: 1e3, noNaN: true }),
    });
    return fc.record({
      shape: fc.constant(shape),
      parameter: numbers,
      gradients: fc.array(numbers, { minLength: steps, maxLength: steps }),
      hyper: fc.constant(hyper),
    });
  });

/** Parameter and buffer values after each step of `update` on `backend`; checks that nothing leaked and no input changed. */
async function trajectory(backend: string, update: Update, c: Case): Promise<Float32Array[][]> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const dataIdsBefore = tf.engine().backend.numDataIds();
  let p = tf.tensor(c.parameter, c.shape, 'float32');
  let buffer: tf.Tensor | undefined;
  const states: Float32Array[][] = [];
  for (const values of c.gradients) {
    const g = tf.tensor(values, c.shape, 'float32');
    const inputsBefore = [p, g, ...(buffer ? [buffer] : [])].map((t) => t.dataSync().slice() as Float32Array);
    const [nextP, nextBuffer] = tf.tidy(() => update(p, g, buffer, c.hyper));
    const inputsAfter = [p, g, ...(buffer ? [buffer] : [])].map((t) => t.dataSync() as Float32Array);
    if (!inputsBefore.every((v, i) => sameFloats(v, inputsAfter[i]!)))
      throw new Error(`${backend}: an input tensor changed`);
    tf.dispose([p, g, ...(buffer ? [buffer] : [])]);
    p = nextP;
    buffer = nextBuffer;
    states.push([p.dataSync() as Float32Array, ...(buffer ? [buffer.dataSync() as Float32Array] : [])]);
  }
  tf.dispose([p, ...(buffer ? [buffer] : [])]);
  const leaked = tf.memory().numTensors - before + (tf.engine().backend.numDataIds() - dataIdsBefore);
  if (leaked !== 0) throw new Error(`${backend}: ${leaked} tensors or buffers leaked`);
  return states;
}

/** The same float32 numbers bit for bit, except that any NaN equals any NaN (payloads are not kept by every operation). */
function sameFloats(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const aBits = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const bBits = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i += 1) {
    if (aBits[i] !== bBits[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  }
  return true;
}

function sameTrajectory(a: Float32Array[][], b: Float32Array[][]): boolean {
  return (
    a.length === b.length &&
    a.every((state, s) => state.length === b[s]!.length && state.every((v, i) => sameFloats(v, b[s]![i]!)))
  );
}

test.serial('the fused update runs on wasm with float32 tensors only', async (t) => {
  await tf.setBackend('wasm');
  const [f, i] = [tf.zeros([2]), tf.zeros([2], 'int32')];
  t.true(canFuseSgdUpdate(f, f, undefined));
  t.false(canFuseSgdUpdate(f, i, undefined));
  await tf.setBackend('cpu');
  t.false(canFuseSgdUpdate(f, f, undefined));
  await tf.setBackend('wasm');
  tf.dispose([f, i]);
});

test.serial('the fused update gives the same bits as the tf-op path on wasm and on cpu, step after step', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(cases, async (c) => {
      const fused = await trajectory('wasm', sgdUpdateFused, c);
      const opsWasm = await trajectory('wasm', sgdUpdateWithOps, c);
      const opsCpu = await trajectory('cpu', sgdUpdateWithOps, c);
      if (!sameTrajectory(fused, opsWasm)) throw new Error('fused differs from tf ops on wasm');
      if (!sameTrajectory(fused, opsCpu)) throw new Error('fused differs from tf ops on cpu');
      return fused.every((state) => state.length === (c.hyper.momentum === 0 ? 1 : 2));
    }),
    { numRuns: 300 },
  );
  await t.notThrowsAsync(law);
  await tf.setBackend('wasm');
});

test.serial('the fused update refuses a gradient of another shape, naming it', async (t) => {
  await tf.setBackend('wasm');
  const before = tf.memory().numTensors;
  const p = tf.zeros([2, 3]);
  const g = tf.zeros([3, 2]);
  const hyper = { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false };
  t.throws(() => sgdUpdateFused(p, g, undefined, hyper), {
    name: 'UnsupportedKernelInputError',
    message: /gradient must be float32 of the parameter's shape \[2,3\]/,
  });
  tf.dispose([p, g]);
  t.is(tf.memory().numTensors, before);
});

/** A small two-layer model's weights after `steps` of rxtrain's `sgd` on `backend`, fused or not. */
async function trainedWeights(backend: string, fused: boolean, seed: number, steps: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const kernel = tf.getKernel(SGD_UPDATE, 'wasm');
  if (!fused) tf.unregisterKernel(SGD_UPDATE, 'wasm');
  try {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          name: 'features.0',
          inputShape: [5],
          units: 6,
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed }),
        }),
        tf.layers.dense({
          name: 'classifier.1',
          units: 3,
          kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
        }),
      ],
    });
    const [features, classifier] = parameterGroups(model);
    const optimizer = sgd({
      lr: 0.05,
      momentum: 0.9,
      weightDecay: 5e-4,
      groups: [{ ...features!, lr: 0.01 }, classifier!],
    });
    const x = tf.randomUniform([4, 5], -1, 1, 'float32', seed);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3));
    for (let s = 0; s < steps; s += 1) {
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        optimizer.trainableVariables(),
      );
      optimizer.step(grads);
      tf.dispose([value, grads]);
    }
    const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
    optimizer.dispose();
    model.dispose();
    tf.dispose([x, y]);
    return weights;
  } finally {
    if (!fused) tf.registerKernel(kernel);
  }
}

test.serial(
  'sgd on wasm takes the fused path and ends where the tf-op path ends, with no tensor left behind',
  async (t) => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const calls: string[] = [];
    const kernel = tf.getKernel(SGD_UPDATE, 'wasm');
    tf.unregisterKernel(SGD_UPDATE, 'wasm');
    tf.registerKernel({ ...kernel, kernelFunc: (args) => (calls.push(SGD_UPDATE), kernel.kernelFunc(args)) });
    let fused: Float32Array[];
    try {
      fused = await trainedWeights('wasm', true, 3, 5);
    } finally {
      tf.unregisterKernel(SGD_UPDATE, 'wasm');
      tf.registerKernel(kernel);
    }
    const ops = await trainedWeights('wasm', false, 3, 5);
    t.is(calls.length, 5 * 4, 'one fused kernel per parameter tensor and step');
    t.is(fused.length, ops.length);
    fused.forEach((w, i) => t.true(sameFloats(w, ops[i]!), `weight ${i}`));
    t.is(tf.memory().numTensors, before);
  },
);
