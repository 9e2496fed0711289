import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { seededRandom } from '../../../src/data/random.js';
import { cutmix, mixedLoader, mixOrCut, mixup, MixingError, sampleBeta, type Mixer } from '../../../src/train/index.js';
import { useCpu } from '../fixtures.js';
import { memoryLoader } from '../memory-loader.js';

test.before(useCpu);

const batchArbitrary = fc.record({
  n: fc.integer({ min: 1, max: 6 }),
  height: fc.integer({ min: 1, max: 9 }),
  width: fc.integer({ min: 1, max: 9 }),
  classes: fc.integer({ min: 2, max: 5 }),
  alpha: fc.double({ min: 0.05, max: 5, noNaN: true }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

/** Sample i is the constant i + 1 (so every pixel tells which sample it came from); labels i mod classes. */
function constantBatch(
  n: number,
  height: number,
  width: number,
  classes: number,
): { x: tf.Tensor4D; y: tf.Tensor1D; labels: number[] } {
  const labels = [...Array(n).keys()].map((i) => i % classes);
  const x = tf.tidy(
    () => tf.mul(tf.ones([n, height, width, 3]), tf.range(1, n + 1).reshape([n, 1, 1, 1])) as tf.Tensor4D,
  );
  return { x, y: tf.tensor1d(labels, 'int32'), labels };
}

const MIXERS: Record<string, (alpha: number) => Mixer> = {
  mixup,
  cutmix,
  'mixOrCut(mixup, cutmix)': (alpha) => mixOrCut(mixup(alpha), cutmix(alpha)),
};

for (const [name, make] of Object.entries(MIXERS)) {
  test(`law (${name}): targets sum to 1 per sample, λ lies in [0, 1], and they are λ·onehot(y) + (1 − λ)·onehot(roll(y))`, (t) => {
    const before = tf.memory().numTensors;
    fc.assert(
      fc.property(batchArbitrary, ({ n, height, width, classes, alpha, seed }) => {
        const batch = constantBatch(n, height, width, classes);
        const mixed = make(alpha).mix(batch, classes, seededRandom(seed));
        const y = mixed.y.arraySync();
        tf.dispose([batch.x, batch.y, mixed.x, mixed.y]);
        const expected = (i: number, c: number) =>
          mixed.lambda * Number(batch.labels[i] === c) +
          (1 - mixed.lambda) * Number(batch.labels[(i + n - 1) % n] === c);
        return (
          mixed.lambda >= 0 &&
          mixed.lambda <= 1 &&
          y.every((row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) <= 1e-6) &&
          y.every((row, i) => row.every((v, c) => Math.abs(v - expected(i, c)) <= 1e-6))
        );
      }),
      { numRuns: 60 },
    );
    t.is(tf.memory().numTensors, before);
  });
}

test('law (cutmix): λ equals 1 − the share of each image pasted from its neighbour in the rolled batch', (t) => {
  const before = tf.memory().numTensors;
  fc.assert(
    fc.property(
      batchArbitrary.filter(({ n }) => n >= 2),
      ({ n, height, width, classes, alpha, seed }) => {
        const batch = constantBatch(n, height, width, classes);
        const mixed = cutmix(alpha).mix(batch, classes, seededRandom(seed));
        const x = mixed.x.arraySync() as number[][][][];
        tf.dispose([batch.x, batch.y, mixed.x, mixed.y]);
        return x.every((image, i) => {
          const pixels = image.flat();
          const pasted = pixels.filter((p) => p[0] === ((i + n - 1) % n) + 1).length;
          const kept = pixels.filter((p) => p[0] === i + 1).length;
          return kept + pasted === pixels.length && Math.abs(mixed.lambda - (1 - pasted / pixels.length)) <= 1e-12;
        });
      },
    ),
    { numRuns: 80 },
  );
  t.is(tf.memory().numTensors, before);
});

test('law (mixup): every image is λ·itself + (1 − λ)·its neighbour in the rolled batch', (t) => {
  const before = tf.memory().numTensors;
  fc.assert(
    fc.property(batchArbitrary, ({ n, height, width, classes, alpha, seed }) => {
      const batch = constantBatch(n, height, width, classes);
      const mixed = mixup(alpha).mix(batch, classes, seededRandom(seed));
      const x = mixed.x.arraySync() as number[][][][];
      tf.dispose([batch.x, batch.y, mixed.x, mixed.y]);
      return x.every((image, i) =>
        image
          .flat(2)
          .every((v) => Math.abs(v - (mixed.lambda * (i + 1) + (1 - mixed.lambda) * (((i + n - 1) % n) + 1))) <= 1e-5),
      );
    }),
    { numRuns: 40 },
  );
  t.is(tf.memory().numTensors, before);
});

test('Beta(α, α) draws have mean 1/2 and variance 1/(4(2α + 1))', (t) => {
  for (const alpha of [0.2, 1, 4]) {
    const random = seededRandom(9, alpha * 10);
    const draws = Array.from({ length: 20000 }, () => sampleBeta(alpha, alpha, random));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    t.true(Math.abs(mean - 0.5) < 0.01, `α ${alpha}: mean ${mean}`);
    t.true(Math.abs(variance - 1 / (4 * (2 * alpha + 1))) < 0.01, `α ${alpha}: variance ${variance}`);
  }
});

test('mixedLoader mixes every batch the same way on every pass (seeded by seed, epoch and batch), and frees the source batches', async (t) => {
  const before = tf.memory().numTensors;
  const images = Float32Array.from({ length: 8 * 4 * 4 * 3 }, (_, i) => (i % 13) / 13);
  const source = memoryLoader(images, [0, 1, 0, 1, 1, 0, 1, 0], { batchSize: 4, sampleShape: [4, 4, 3] });
  const loader = mixedLoader(source, mixOrCut(mixup(0.4), cutmix(1)), { numClasses: 2, seed: 3 });
  const read = async (epoch: number) => {
    const out: number[][] = [];
    for await (const batch of loader.epoch(epoch)) {
      t.deepEqual(batch.y.shape, [4, 2]);
      out.push([...(await batch.x.data()), ...(await batch.y.data())]);
      tf.dispose([batch.x, batch.y]);
    }
    return out;
  };
  const [first, again, other] = [await read(0), await read(0), await read(1)];
  t.deepEqual(first, again);
  t.notDeepEqual(first, other);
  t.is(source.live(), 0);
  t.is(tf.memory().numTensors, before);
});

test('mixers refuse images that are not [n, h, w, c] and a non-positive alpha, saying what was expected', (t) => {
  t.throws(() => mixup(0), { message: /mixup: alpha must be a positive number, got 0/ });
  const x = tf.zeros([2, 10, 4, 4, 3]);
  const y = tf.tensor1d([0, 1], 'int32');
  t.throws(() => cutmix().mix({ x, y }, 2, seededRandom(1)), {
    instanceOf: MixingError,
    message: /images must be a batch \[n, h, w, channels\], got shape \[2,10,4,4,3\]/,
  });
  tf.dispose([x, y]);
});
