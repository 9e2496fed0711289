import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { AdaptiveAvgPool2d, adaptiveBins, GroupedConv2d, LocalResponseNormalization } from '../../src/models/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const image = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  h: fc.integer({ min: 1, max: 14 }),
  w: fc.integer({ min: 1, max: 14 }),
  c: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 1000 }),
});

test('law: adaptive bins are non-empty, start at 0, end at the input size, and never skip an input', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 12 }), (inSize, outSize) => {
      const bins = adaptiveBins(inSize, outSize);
      return (
        bins[0]![0] === 0 &&
        bins[outSize - 1]![1] === inSize &&
        bins.every(([start, end], i) => end > start && (i === 0 || start <= bins[i - 1]![1]))
      );
    }),
  );
  t.deepEqual(adaptiveBins(7, 6), [
    [0, 2],
    [1, 3],
    [2, 4],
    [3, 5],
    [4, 6],
    [5, 7],
  ]);
});

test('law: AdaptiveAvgPool2d equals the mean over each PyTorch bin, computed by loops', (t) => {
  const pool = new AdaptiveAvgPool2d({ outputSize: 6 });
  fc.assert(
    fc.property(image, ({ n, h, w, c, seed }) => {
      const x = tf.randomUniform([n, h, w, c], -1, 1, 'float32', seed);
      const y = pool.apply(x) as tf.Tensor;
      const [xs, ys] = [x.arraySync() as number[][][][], y.arraySync() as number[][][][]];
      tf.dispose([x, y]);
      const [rows, cols] = [adaptiveBins(h, 6), adaptiveBins(w, 6)];
      return ys.every((image, b) =>
        image.every((row, i) =>
          row.every((pixel, j) =>
            pixel.every((value, k) => {
              let sum = 0;
              for (let r = rows[i]![0]; r < rows[i]![1]; r++)
                for (let q = cols[j]![0]; q < cols[j]![1]; q++) sum += xs[b]![r]![q]![k]!;
              return Math.abs(value - sum / ((rows[i]![1] - rows[i]![0]) * (cols[j]![1] - cols[j]![0]))) < 1e-5;
            }),
          ),
        ),
      );
    }),
    { numRuns: 40 },
  );
  t.pass();
});

test('law: the gradient of the pooled sum at an input is the sum of 1/|bin| over the bins that contain it', (t) => {
  const pool = new AdaptiveAvgPool2d({ outputSize: 6 });
  fc.assert(
    fc.property(image, ({ h, w, seed }) => {
      const x = tf.randomUniform([1, h, w, 1], -1, 1, 'float32', seed);
      const gradient = tf.grad((input: tf.Tensor) => (pool.apply(input) as tf.Tensor).sum())(x);
      const values = gradient.dataSync();
      tf.dispose([x, gradient]);
      const share = (bins: ReturnType<typeof adaptiveBins>, at: number) =>
        bins.reduce((sum, [start, end]) => sum + (at >= start && at < end ? 1 / (end - start) : 0), 0);
      const [rows, cols] = [adaptiveBins(h, 6), adaptiveBins(w, 6)];
      return Array.from(values).every(
        (g, index) => Math.abs(g - share(rows, Math.floor(index / w)) * share(cols, index % w)) < 1e-5,
      );
    }),
    { numRuns: 30 },
  );
  t.pass();
});

test('AdaptiveAvgPool2d passes a 6×6 input through unchanged without leaking', (t) => {
  const pool = new AdaptiveAvgPool2d({ outputSize: 6 });
  const x = tf.randomNormal([2, 6, 6, 4]);
  const before = tf.memory().numTensors;
  const y = pool.apply(x) as tf.Tensor;
  t.deepEqual(y.dataSync(), x.dataSync());
  y.dispose();
  t.is(tf.memory().numTensors, before);
  x.dispose();
});

test('law: a 2-group convolution equals a full convolution with a block-diagonal kernel', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom(1, 3, 5),
      fc.integer({ min: 0, max: 1000 }),
      (inPerGroup, outPerGroup, k, seed) => {
        const layer = new GroupedConv2d({
          filters: 2 * outPerGroup,
          kernelSize: k,
          groups: 2,
          padding: 'same',
          kernelInitializer: tf.initializers.randomNormal({ seed }),
          biasInitializer: tf.initializers.randomNormal({ seed: seed + 1 }),
        });
        const x = tf.randomNormal([1, 7, 7, 2 * inPerGroup], 0, 1, 'float32', seed + 2);
        const grouped = layer.apply(x) as tf.Tensor;
        const [kernel, bias] = layer.getWeights();
        const full = tf.tidy(() => {
          const [k0, k1] = tf.split(kernel!, 2, 3) as [tf.Tensor, tf.Tensor];
          const zeros = tf.zerosLike(k0);
          const blockDiagonal = tf.concat([tf.concat([k0, zeros], 3), tf.concat([zeros, k1], 3)], 2) as tf.Tensor4D;
          return tf.conv2d(x as tf.Tensor4D, blockDiagonal, 1, 'same').add(bias!);
        });
        const error = tf.tidy(() => tf.max(tf.abs(tf.sub(grouped, full))).dataSync()[0]);
        tf.dispose([x, grouped, full]);
        layer.dispose();
        return error! < 1e-4;
      },
    ),
    { numRuns: 20 },
  );
  t.pass();
});

test('LocalResponseNormalization follows the paper: b = a / (k + α Σ a²)^β over n = 5 neighbouring channels', (t) => {
  const lrn = new LocalResponseNormalization({ depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 });
  const channels = Array.from({ length: 7 }, (_, i) => 10 * (i - 3));
  const x = tf.tensor4d(channels, [1, 1, 1, 7]);
  const y = lrn.apply(x) as tf.Tensor;
  const expected = channels.map((a, i) => {
    const window = channels.slice(Math.max(0, i - 2), Math.min(7, i + 3));
    return a / (2 + 1e-4 * window.reduce((s, v) => s + v * v, 0)) ** 0.75;
  });
  Array.from(y.dataSync()).forEach((v, i) =>
    t.true(Math.abs(v - expected[i]!) < 1e-5, `channel ${i}: ${v} vs ${expected[i]}`),
  );
  tf.dispose([x, y]);
});
