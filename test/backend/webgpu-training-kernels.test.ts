import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { initBackend } from '../../src/backend/index.js';
import { relativeError, runKernelOn, seededValues } from './agreement.js';
import { convCases, outputShape, type ConvCase } from './conv-cases.js';
import { webgpuMissing, webgpuTest } from './webgpu-available.js';

const TOLERANCE = 1e-4;
/** Each case compiles new shaders, which takes up to seconds on a software adapter: fewer cases than for wasm. */
const NUM_RUNS = 10;

/** Every kernel a training step, ten-crop validation and prediction of either AlexNet variant runs (found by profiling them on cpu). */
const ALEXNET_KERNELS = [
  'Add',
  'Any',
  'ArgMax',
  'BatchMatMul',
  'Cast',
  'Concat',
  'Conv2D',
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'Equal',
  'Exp',
  'ExpandDims',
  'Floor',
  'FusedConv2D',
  'Identity',
  'LRN',
  'LRNGrad',
  'Log',
  'Max',
  'MaxPool',
  'MaxPoolGrad',
  'Mean',
  'Multiply',
  'Neg',
  'OneHot',
  'Pack',
  'PadV2',
  'RealDiv',
  'Relu',
  'Reshape',
  'SplitV',
  'Step',
  'Sub',
  'Sum',
  'TopK',
  'Transpose',
  '_FusedMatMul',
];

if (webgpuMissing === undefined) test.before(() => initBackend({ backend: 'webgpu' }).then(() => undefined));

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const same = (a: readonly number[], b: readonly number[]) => JSON.stringify(a) === JSON.stringify(b);

/** Runs `kernelName` on webgpu and on cpu with identical seeded inputs; true when they agree and neither leaked. */
async function agreesWithCpu(
  kernelName: string,
  seed: number,
  inputs: Record<string, number[]>,
  attrs: Readonly<Record<string, unknown>>,
) {
  const data = Object.fromEntries(
    Object.entries(inputs).map(([name, shape], i) => [name, { values: seededValues(seed + i, size(shape)), shape }]),
  );
  const gpu = await runKernelOn('webgpu', kernelName, data, attrs);
  const cpu = await runKernelOn('cpu', kernelName, data, attrs);
  return (
    gpu.leaked === 0 &&
    cpu.leaked === 0 &&
    same(gpu.shape, cpu.shape) &&
    relativeError(gpu.values, cpu.values) <= TOLERANCE
  );
}

const convAttrs = (c: ConvCase) => ({
  strides: c.strides,
  pad: c.pad,
  dataFormat: 'NHWC',
  dimRoundingMode: c.dimRoundingMode,
  dilations: 1,
});

webgpuTest('every kernel AlexNet trains, validates and predicts with is registered for webgpu', (t) => {
  const missing = ALEXNET_KERNELS.filter((name) => tf.getKernel(name, 'webgpu') === undefined);
  t.deepEqual(missing, []);
});

webgpuTest('Conv2D with bias and ReLU (FusedConv2D) on webgpu equals cpu within 1e-4 relative error', async (t) => {
  const law = fc.asyncProperty(convCases, (c) =>
    agreesWithCpu(
      'FusedConv2D',
      c.seed,
      { x: c.xShape, filter: c.filterShape, bias: [c.filterShape[3]] },
      { ...convAttrs(c), activation: 'relu' },
    ),
  );
  await t.notThrowsAsync(fc.assert(law, { numRuns: NUM_RUNS }));
});

webgpuTest('Conv2DBackpropFilter on webgpu equals cpu within 1e-4 relative error', async (t) => {
  const law = fc.asyncProperty(convCases, (c) =>
    agreesWithCpu(
      'Conv2DBackpropFilter',
      c.seed,
      { x: c.xShape, dy: outputShape(c) },
      { ...convAttrs(c), filterShape: c.filterShape },
    ),
  );
  await t.notThrowsAsync(fc.assert(law, { numRuns: NUM_RUNS }));
});

webgpuTest('Conv2DBackpropInput on webgpu equals cpu within 1e-4 relative error', async (t) => {
  const law = fc.asyncProperty(convCases, (c) =>
    agreesWithCpu(
      'Conv2DBackpropInput',
      c.seed,
      { dy: outputShape(c), filter: c.filterShape },
      { ...convAttrs(c), inputShape: c.xShape },
    ),
  );
  await t.notThrowsAsync(fc.assert(law, { numRuns: NUM_RUNS }));
});

/** Max pooling windows as AlexNet uses them (3×3 stride 2) and others, over small NHWC inputs. */
const poolCases = fc
  .record({
    shape: fc.tuple(
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 3, max: 11 }),
      fc.integer({ min: 3, max: 11 }),
      fc.integer({ min: 1, max: 4 }),
    ),
    filterSize: fc.integer({ min: 1, max: 3 }),
    strides: fc.integer({ min: 1, max: 3 }),
    pad: fc.constantFrom<'valid' | 'same'>('valid', 'same'),
    seed: fc.integer(),
  })
  .filter(({ shape, filterSize }) => shape[1] >= filterSize && shape[2] >= filterSize);

webgpuTest('MaxPool and its gradient on webgpu equal cpu within 1e-4 relative error', async (t) => {
  const law = fc.asyncProperty(poolCases, async ({ shape, filterSize, strides, pad, seed }) => {
    const attrs = { filterSize, strides, pad, dimRoundingMode: undefined };
    const x = { values: seededValues(seed, size(shape)), shape };
    const pooled = await runKernelOn('cpu', 'MaxPool', { x }, attrs);
    const dy = { values: seededValues(seed + 1, size(pooled.shape)), shape: pooled.shape };
    const output = { values: pooled.values, shape: pooled.shape };
    const forward = await agreesWithCpu('MaxPool', seed, { x: shape }, attrs);
    const gpu = await runKernelOn('webgpu', 'MaxPoolGrad', { dy, input: x, output }, attrs);
    const cpu = await runKernelOn('cpu', 'MaxPoolGrad', { dy, input: x, output }, attrs);
    return (
      forward && gpu.leaked === 0 && same(gpu.shape, cpu.shape) && relativeError(gpu.values, cpu.values) <= TOLERANCE
    );
  });
  await t.notThrowsAsync(fc.assert(law, { numRuns: NUM_RUNS }));
});

webgpuTest('LRN and its gradient on webgpu equal cpu within 1e-4 relative error', async (t) => {
  const cases = fc.record({
    shape: fc.tuple(
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 12 }),
    ),
    depthRadius: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer(),
  });
  const law = fc.asyncProperty(cases, async ({ shape, depthRadius, seed }) => {
    const attrs = { depthRadius, bias: 2, alpha: 1e-4, beta: 0.75 };
    const x = { values: seededValues(seed, size(shape)), shape };
    const y = await runKernelOn('cpu', 'LRN', { x }, attrs);
    const dy = { values: seededValues(seed + 1, size(shape)), shape };
    const forward = await agreesWithCpu('LRN', seed, { x: shape }, attrs);
    const inputs = { x, y: { values: y.values, shape }, dy };
    const gpu = await runKernelOn('webgpu', 'LRNGrad', inputs, attrs);
    const cpu = await runKernelOn('cpu', 'LRNGrad', inputs, attrs);
    return forward && gpu.leaked === 0 && relativeError(gpu.values, cpu.values) <= TOLERANCE;
  });
  await t.notThrowsAsync(fc.assert(law, { numRuns: NUM_RUNS }));
});

webgpuTest('BatchMatMul on webgpu equals cpu within 1e-4 relative error, with and without transposes', async (t) => {
  const cases = fc.record({
    m: fc.integer({ min: 1, max: 24 }),
    k: fc.integer({ min: 1, max: 40 }),
    n: fc.integer({ min: 1, max: 24 }),
    transposeA: fc.boolean(),
    transposeB: fc.boolean(),
    seed: fc.integer(),
  });
  const law = fc.asyncProperty(cases, ({ m, k, n, transposeA, transposeB, seed }) =>
    agreesWithCpu(
      'BatchMatMul',
      seed,
      { a: transposeA ? [1, k, m] : [1, m, k], b: transposeB ? [1, n, k] : [1, k, n] },
      { transposeA, transposeB },
    ),
  );
  await t.notThrowsAsync(fc.assert(law, { numRuns: NUM_RUNS }));
});
