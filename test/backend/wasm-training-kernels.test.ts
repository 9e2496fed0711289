import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { initBackend, WASM_TRAINING_KERNELS } from '../../src/backend/index.js';
import { relativeError, runKernelOn, seededValues } from './agreement.js';
import { convCases, outputShape, type ConvCase } from './conv-cases.js';

const TOLERANCE = 1e-4;
const NUM_RUNS = 60;

test.before(async () => {
  await initBackend({ backend: 'wasm' });
});

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `kernelName` on wasm and on cpu with identical inputs; true when they agree and nothing leaked. */
async function agreesWithCpu(kernelName: string, c: ConvCase, inputs: Record<string, number[]>, attrs: object) {
  const data = Object.fromEntries(
    Object.entries(inputs).map(([name, shape], i) => [name, { values: seededValues(c.seed + i, size(shape)), shape }]),
  );
  const common = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: c.dimRoundingMode, ...attrs };
  const wasm = await runKernelOn('wasm', kernelName, data, common);
  const cpu = await runKernelOn('cpu', kernelName, data, common);
  return (
    wasm.leaked === 0 &&
    cpu.leaked === 0 &&
    JSON.stringify(wasm.shape) === JSON.stringify(cpu.shape) &&
    relativeError(wasm.values, cpu.values) <= TOLERANCE
  );
}

test.serial('the added kernels are registered for wasm', (t) => {
  t.deepEqual([...WASM_TRAINING_KERNELS].sort(), ['BatchMatMul', 'Conv2DBackpropFilter', 'Conv2DBackpropInput']);
  for (const name of WASM_TRAINING_KERNELS) t.truthy(tf.getKernel(name, 'wasm'));
});

test.serial('Conv2DBackpropFilter on wasm equals cpu within 1e-4 relative error', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(convCases, (c) =>
      agreesWithCpu(
        'Conv2DBackpropFilter',
        c,
        { x: c.xShape, dy: outputShape(c) },
        { filterShape: c.filterShape },
      ),
    ),
    { numRuns: NUM_RUNS },
  );
  await t.notThrowsAsync(law);
});

test.serial('Conv2DBackpropInput on wasm equals cpu within 1e-4 relative error', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(convCases, (c) =>
      agreesWithCpu(
        'Conv2DBackpropInput',
        c,
        { dy: outputShape(c), filter: c.filterShape },
        { inputShape: c.xShape },
      ),
    ),
    { numRuns: NUM_RUNS },
  );
  await t.notThrowsAsync(law);
});

test.serial('the added kernels leave no wasm buffer behind', async (t) => {
  await tf.setBackend('wasm');
  const buffers = () => tf.engine().backend.numDataIds();
  const before = buffers();
  tf.tidy(() => {
    const x = tf.randomNormal([2, 9, 9, 3]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D;
    tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same').sum())([x, w]);
  });
  t.is(buffers(), before);
});

test.serial('NCHW input is refused with a typed error', async (t) => {
  await tf.setBackend('wasm');
  const dy = tf.zeros([1, 2, 3, 3]);
  const filter = tf.zeros([1, 1, 2, 2]);
  t.throws(
    () =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, {
        strides: 1, pad: 'valid', dataFormat: 'NCHW', inputShape: [1, 2, 3, 3],
      } as never),
    { name: 'UnsupportedKernelInputError' },
  );
  tf.dispose([dy, filter]);
});

const matMulCases = fc.record({
  m: fc.integer({ min: 1, max: 24 }),
  k: fc.integer({ min: 1, max: 24 }),
  n: fc.integer({ min: 1, max: 24 }),
  batch: fc.constantFrom(1, 1, 3),
  rank: fc.constantFrom(2, 3),
  transposeA: fc.boolean(),
  transposeB: fc.boolean(),
  seed: fc.integer(),
});

test.serial('BatchMatMul on wasm equals cpu within 1e-4 relative error, with and without transposes', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(matMulCases, async ({ m, k, n, batch, rank, transposeA, transposeB, seed }) => {
      const lead = rank === 3 ? [batch] : [];
      const aShape = [...lead, ...(transposeA ? [k, m] : [m, k])];
      const bShape = [...lead, ...(transposeB ? [n, k] : [k, n])];
      const inputs = {
        a: { values: seededValues(seed, size(aShape)), shape: aShape },
        b: { values: seededValues(seed + 1, size(bShape)), shape: bShape },
      };
      const attrs = { transposeA, transposeB };
      const wasm = await runKernelOn('wasm', 'BatchMatMul', inputs, attrs);
      const cpu = await runKernelOn('cpu', 'BatchMatMul', inputs, attrs);
      return (
        wasm.leaked === 0 &&
        JSON.stringify(wasm.shape) === JSON.stringify(cpu.shape) &&
        relativeError(wasm.values, cpu.values) <= TOLERANCE
      );
    }),
    { numRuns: NUM_RUNS },
  );
  await t.notThrowsAsync(law);
});
