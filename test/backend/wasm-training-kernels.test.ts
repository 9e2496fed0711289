import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, WASM_TRAINING_KERNELS } from '../../src/backend/index.js';
import { canRunMaxPoolGradInWasm, maxPoolGradInJavaScript } from '../../src/backend/wasm-kernels/max-pool-grad.js';
import { relativeError, runKernelOn, seededValues } from './agreement.js';
import {
  convCases,
  depthwiseCases,
  depthwiseOutputShape,
  dilatedFilter,
  outputShape,
  type ConvCase,
  type DepthwiseCase,
} from './conv-cases.js';

const TOLERANCE = 1e-4;
const NUM_RUNS = 60;

test.before(async () => {
  await initBackend({ backend: 'wasm' });
});

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
/** The wasm backend's buffers, and those plus the engine's tensors: what a kernel could leave behind. */
const buffers = () => tf.engine().backend.numDataIds();
const alive = () => tf.memory().numTensors + buffers();

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
  t.deepEqual([...WASM_TRAINING_KERNELS].sort(), [
    'BatchMatMul',
    'Conv2DBackpropFilter',
    'Conv2DBackpropInput',
    'DepthwiseConv2dNativeBackpropFilter',
    'DepthwiseConv2dNativeBackpropInput',
    'Identity',
    'MaxPoolGrad',
    'RxtrainSgdUpdate',
    'Sum',
    '_FusedMatMul',
  ]);
  for (const name of WASM_TRAINING_KERNELS) t.truthy(tf.getKernel(name, 'wasm'));
});

test.serial('Conv2DBackpropFilter on wasm equals cpu within 1e-4 relative error', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(convCases, (c) =>
      agreesWithCpu('Conv2DBackpropFilter', c, { x: c.xShape, dy: outputShape(c) }, { filterShape: c.filterShape }),
    ),
    { numRuns: NUM_RUNS },
  );
  await t.notThrowsAsync(law);
});

test.serial('Conv2DBackpropInput on wasm equals cpu within 1e-4 relative error', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(convCases, (c) =>
      agreesWithCpu('Conv2DBackpropInput', c, { dy: outputShape(c), filter: c.filterShape }, { inputShape: c.xShape }),
    ),
    { numRuns: NUM_RUNS },
  );
  await t.notThrowsAsync(law);
});

/**
 * Both depthwise gradients of case `c` on wasm and on cpu. `cpu` ignores dilations in these two
 * kernels (TensorFlow.js's gradient only ever passes 1), so it is given the dilated filter as an
 * undilated one with zeros between the taps, and its filter gradient is read at the taps.
 */
async function depthwiseGradientsAgree(c: DepthwiseCase) {
  const dyShape = depthwiseOutputShape(c);
  const x = { values: seededValues(c.seed, size(c.xShape)), shape: c.xShape };
  const dy = { values: seededValues(c.seed + 1, size(dyShape)), shape: dyShape };
  const filter = { values: seededValues(c.seed + 2, size(c.filterShape)), shape: c.filterShape };
  const spread = dilatedFilter(filter.values, c.filterShape, c.dilations);
  const common = { strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode };
  const wasm = {
    dx: await runKernelOn(
      'wasm',
      'DepthwiseConv2dNativeBackpropInput',
      { dy, filter },
      { ...common, dilations: c.dilations, inputShape: c.xShape },
    ),
    dw: await runKernelOn(
      'wasm',
      'DepthwiseConv2dNativeBackpropFilter',
      { x, dy },
      { ...common, dilations: c.dilations, filterShape: c.filterShape },
    ),
  };
  const cpu = {
    dx: await runKernelOn(
      'cpu',
      'DepthwiseConv2dNativeBackpropInput',
      { dy, filter: spread },
      { ...common, dilations: [1, 1], inputShape: c.xShape },
    ),
    dw: await runKernelOn(
      'cpu',
      'DepthwiseConv2dNativeBackpropFilter',
      { x, dy },
      { ...common, dilations: [1, 1], filterShape: spread.shape },
    ),
  };
  const [kh, kw, channels, multiplier] = c.filterShape;
  const tap = channels * multiplier;
  const cpuTaps = new Float32Array(size(c.filterShape));
  for (let i = 0; i < kh; i += 1) {
    for (let j = 0; j < kw; j += 1) {
      const from = (i * c.dilations[0] * spread.shape[1]! + j * c.dilations[1]) * tap;
      cpuTaps.set(cpu.dw.values.subarray(from, from + tap), (i * kw + j) * tap);
    }
  }
  return (
    wasm.dx.leaked === 0 &&
    wasm.dw.leaked === 0 &&
    JSON.stringify(wasm.dx.shape) === JSON.stringify(c.xShape) &&
    JSON.stringify(wasm.dw.shape) === JSON.stringify(c.filterShape) &&
    relativeError(wasm.dx.values, cpu.dx.values) <= TOLERANCE &&
    relativeError(wasm.dw.values, cpuTaps) <= TOLERANCE
  );
}

test.serial(
  'DepthwiseConv2dNativeBackpropInput and Filter on wasm equal cpu within 1e-4 relative error, with multipliers, strides, padding and dilations',
  async (t) => {
    await t.notThrowsAsync(fc.assert(fc.asyncProperty(depthwiseCases, depthwiseGradientsAgree), { numRuns: NUM_RUNS }));
  },
);

test.serial(
  'tf.depthwiseConv2d trains on wasm as on cpu: both gradients within 1e-4 relative error, no tensor left',
  async (t) => {
    const gradientsOn = async (backend: string) => {
      await tf.setBackend(backend);
      const before = alive();
      const x = tf.tensor4d(seededValues(3, 2 * 9 * 9 * 6), [2, 9, 9, 6]);
      const w = tf.tensor4d(seededValues(4, 3 * 3 * 6 * 1), [3, 3, 6, 1]);
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf
          .depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')
          .square()
          .sum(),
      )([x, w]);
      const values = grads.map((g) => g.dataSync() as Float32Array);
      tf.dispose([x, w, ...grads]);
      return { values, leaked: alive() - before };
    };
    const wasm = await gradientsOn('wasm');
    const cpu = await gradientsOn('cpu');
    t.is(wasm.leaked, 0);
    wasm.values.forEach((v, i) => t.true(relativeError(v, cpu.values[i]!) <= TOLERANCE));
  },
);

test.serial('the added kernels leave no wasm buffer behind', async (t) => {
  await tf.setBackend('wasm');
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
      tf.engine().runKernel(
        'Conv2DBackpropInput',
        { dy, filter },
        {
          strides: 1,
          pad: 'valid',
          dataFormat: 'NCHW',
          inputShape: [1, 2, 3, 3],
        },
      ),
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

const poolCases = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    height: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 1, max: 12 }),
    channels: fc.integer({ min: 1, max: 9 }),
    filterSize: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    strides: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    pad: fc.constantFrom<'same' | 'valid' | number>('same', 'valid', 0, 1),
    ties: fc.boolean(),
    seed: fc.integer(),
  })
  .filter((c) => c.pad === 'same' || c.pad === 'valid' || c.pad * 2 < Math.min(...c.filterSize) + 1)
  .map((c) => {
    try {
      const info = tf.backend_util.computePool2DInfo(
        [c.batch, c.height, c.width, c.channels],
        c.filterSize,
        c.strides,
        1,
        c.pad,
      );
      return info.outHeight >= 1 && info.outWidth >= 1 ? { ...c, outShape: info.outShape } : undefined;
    } catch {
      return undefined;
    }
  })
  .filter((c): c is NonNullable<typeof c> => c !== undefined);

test.serial('MaxPoolGrad on wasm equals cpu within 1e-4 relative error, ties and padding included', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(poolCases, async (c) => {
      const xShape = [c.batch, c.height, c.width, c.channels];
      let xValues = seededValues(c.seed, size(xShape));
      // Rounded to a few levels, so that windows often hold equal maxima.
      if (c.ties) xValues = xValues.map((v) => Math.round(v * 2));
      const inputs = {
        dy: { values: seededValues(c.seed + 1, size(c.outShape)), shape: c.outShape },
        input: { values: xValues, shape: xShape },
        output: { values: new Float32Array(size(c.outShape)), shape: c.outShape },
      };
      const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad, dimRoundingMode: undefined };
      const wasm = await runKernelOn('wasm', 'MaxPoolGrad', inputs, attrs);
      const cpu = await runKernelOn('cpu', 'MaxPoolGrad', inputs, attrs);
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

test.serial("MaxPoolGrad as WebAssembly gives the JavaScript loop's bits", async (t) => {
  await tf.setBackend('wasm');
  const backend = tf.backend() as BackendWasm;
  t.true(canRunMaxPoolGradInWasm(backend));
  const before = alive();
  t.notThrows(() =>
    fc.assert(
      fc.property(poolCases, (c) => {
        const x = tf.tensor4d(
          seededValues(c.seed, c.batch * c.height * c.width * c.channels).map((v) => (c.ties ? Math.round(v * 2) : v)),
          [c.batch, c.height, c.width, c.channels],
        );
        const dy = tf.tensor(seededValues(c.seed + 1, size(c.outShape)), c.outShape);
        const attrs = { filterSize: c.filterSize, strides: c.strides, pad: c.pad };
        const wasm = tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: dy }, attrs) as tf.Tensor;
        const js = tf
          .engine()
          .makeTensorFromTensorInfo(maxPoolGradInJavaScript({ inputs: { dy, input: x }, attrs, backend }));
        const [a, b] = [wasm, js].map((y) => new Uint32Array((y.dataSync() as Float32Array).slice().buffer));
        tf.dispose([x, dy, wasm, js]);
        return a!.length === b!.length && a!.every((word, i) => word === b![i]);
      }),
      { numRuns: NUM_RUNS },
    ),
  );
  t.is(alive(), before);
});

/** A dense layer's forward product and its gradients, recorded on a tape as in a training step. */
async function denseStepOn(
  backend: string,
  m: number,
  k: number,
  n: number,
  activation: 'linear' | 'relu',
  seed: number,
) {
  await tf.setBackend(backend);
  const before = alive();
  const x = tf.tensor(seededValues(seed, m * k), [m, k]);
  const w = tf.tidy(() => tf.variable(tf.tensor(seededValues(seed + 1, k * n), [k, n])));
  const bias = tf.tidy(() => tf.variable(tf.tensor(seededValues(seed + 2, n), [n])));
  const { value, grads } = tf.variableGrads(
    () => tf.fused.matMul({ a: x, b: w, bias, activation }).square().sum(),
    [w, bias],
  );
  const values = [value, grads[w.name]!, grads[bias.name]!].map((g) => g.dataSync() as Float32Array);
  tf.dispose([x, w, bias, value, ...Object.values(grads)]);
  return { values, leaked: alive() - before };
}

test.serial('_FusedMatMul on wasm under a gradient tape equals cpu within 1e-4 relative error', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 24 }),
      fc.integer({ min: 1, max: 24 }),
      fc.constantFrom<'linear' | 'relu'>('linear', 'relu'),
      fc.integer(),
      async (m, k, n, activation, seed) => {
        const wasm = await denseStepOn('wasm', m, k, n, activation, seed);
        const cpu = await denseStepOn('cpu', m, k, n, activation, seed);
        return wasm.leaked === 0 && wasm.values.every((v, i) => relativeError(v, cpu.values[i]!) <= TOLERANCE);
      },
    ),
    { numRuns: NUM_RUNS },
  );
  await t.notThrowsAsync(law);
});

test.serial('Sum on wasm equals cpu within 1e-4 relative error, over all axes but the last and others', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }),
      fc.boolean(),
      fc.boolean(),
      fc.integer(),
      async (shape, biasLike, keepDims, seed) => {
        const rank = shape.length;
        const axis = biasLike ? Array.from({ length: rank - 1 }, (_, i) => i) : [rank - 1];
        const inputs = { x: { values: seededValues(seed, size(shape)), shape } };
        const wasm = await runKernelOn('wasm', 'Sum', inputs, { axis, keepDims });
        const cpu = await runKernelOn('cpu', 'Sum', inputs, { axis, keepDims });
        return (
          wasm.leaked === 0 &&
          JSON.stringify(wasm.shape) === JSON.stringify(cpu.shape) &&
          relativeError(wasm.values, cpu.values) <= TOLERANCE
        );
      },
    ),
    { numRuns: NUM_RUNS },
  );
  await t.notThrowsAsync(law);
});

test.serial('Identity on wasm shares memory: a clone outlives its source and the last one frees it', async (t) => {
  await tf.setBackend('wasm');
  const before = buffers();
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('float32', 'int32', 'bool'),
      fc.integer(),
      async (shape, dtype, seed) => {
        const values = seededValues(seed, size(shape)).map((v) =>
          dtype === 'float32' ? v : Math.round(Math.abs(v) * 3) % (dtype === 'bool' ? 2 : 7),
        );
        const source = tf.tensor(values, shape, dtype);
        const clone = tf.clone(source);
        const shared = buffers() === before + 1;
        const expected = await source.data();
        source.dispose();
        const kept = Array.from(await clone.data());
        clone.dispose();
        return (
          shared &&
          buffers() === before &&
          JSON.stringify(kept) === JSON.stringify(Array.from(expected)) &&
          clone.dtype === dtype
        );
      },
    ),
    { numRuns: NUM_RUNS },
  );
  t.is(buffers(), before);
});

test.serial('a strided Conv2DBackpropInput split into chunks of images equals it image by image', async (t) => {
  await tf.setBackend('wasm');
  // AlexNet's first layer at batch 16: its column matrix (16·55·55 × 11·11·3 floats) exceeds one chunk.
  const attrs = {
    strides: [4, 4],
    pad: 'valid',
    dataFormat: 'NHWC',
    dimRoundingMode: undefined,
    inputShape: [16, 227, 227, 3],
  };
  const before = alive();
  const [whole, byImage] = tf.tidy(() => {
    const dy = tf.tensor(seededValues(7, 16 * 55 * 55 * 8), [16, 55, 55, 8]);
    const filter = tf.tensor(seededValues(8, 11 * 11 * 3 * 8), [11, 11, 3, 8]);
    const run = (d: tf.Tensor, n: number) =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy: d, filter }, {
        ...attrs,
        inputShape: [n, 227, 227, 3],
      } as never) as tf.Tensor;
    const images = tf.split(dy, 16).map((d) => run(d, 1));
    return [run(dy, 16), tf.concat(images)];
  });
  t.true(relativeError(whole.dataSync(), byImage.dataSync()) <= TOLERANCE);
  tf.dispose([whole, byImage]);
  t.is(alive(), before);
});
