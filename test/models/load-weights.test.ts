import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  alexnet,
  loadTorchCheckpoint,
  loadWeights,
  WeightMismatchError,
  type TorchStateDict,
  type TorchTensor,
} from '../../src/models/index.js';
import { transposeArray } from '../../src/models/transpose-array.js';
import { fixtureModels, fixturePath } from './fixtures.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const [fixture] = Object.values(fixtureModels);
const fixtureStateDict = () => loadTorchCheckpoint(fixturePath(fixture!.checkpoint));
const weightsOf = (model: tf.LayersModel, name: string) =>
  model
    .getLayer(name)
    .getWeights()
    .map((w) => Array.from(w.dataSync()));

test('a mismatched state dict lists every missing, unexpected and mismatched key, and changes nothing', async (t) => {
  const stateDict = new Map(await fixtureStateDict());
  stateDict.delete('features.3.bias');
  stateDict.set('features.1.weight', { shape: [1], data: new Float32Array(1) });
  const model = alexnet({ widthDivisor: 16, numClasses: 3, seed: 1 });
  const before = weightsOf(model, 'features.0');
  const error = t.throws(() => loadWeights(model, stateDict), { instanceOf: WeightMismatchError });
  t.deepEqual(error.missing, ['features.3.bias']);
  t.deepEqual(error.unexpected, ['features.1.weight']);
  t.deepEqual(error.mismatched, [
    { key: 'classifier.6.weight', checkpoint: [2, 256], model: [3, 256] },
    { key: 'classifier.6.bias', checkpoint: [2], model: [3] },
  ]);
  t.regex(error.message, /shape mismatch: classifier\.6\.weight: checkpoint \[2, 256\], model expects \[3, 256\]/);
  t.deepEqual(weightsOf(model, 'features.0'), before);
  model.dispose();
});

test('skip leaves a new head untouched and loads everything else', async (t) => {
  const stateDict = await fixtureStateDict();
  const model = alexnet({ widthDivisor: 16, numClasses: 3, seed: 1 });
  const head = weightsOf(model, 'classifier.6');
  const result = loadWeights(model, stateDict, { skip: ['classifier.6'] });
  t.is(result.loaded.length, 14);
  t.deepEqual(weightsOf(model, 'classifier.6'), head);
  t.deepEqual(weightsOf(model, 'features.0')[1], Array.from(stateDict.get('features.0.bias')!.data));
  model.dispose();
});

test('strict: false reports missing and unexpected keys instead of throwing, but still refuses shape mismatches', async (t) => {
  const stateDict = new Map(await fixtureStateDict());
  stateDict.delete('classifier.4.bias');
  stateDict.set('num_batches_tracked', { shape: [], data: new Float32Array(1) });
  const model = alexnet({ widthDivisor: 16, numClasses: 2, seed: 1 });
  const result = loadWeights(model, stateDict, { strict: false });
  t.deepEqual([result.missing, result.unexpected], [['classifier.4.bias'], ['num_batches_tracked']]);
  const wide = alexnet({ widthDivisor: 8, numClasses: 2, seed: 1 });
  t.throws(() => loadWeights(wide, stateDict, { strict: false }), { instanceOf: WeightMismatchError });
  model.dispose();
  wide.dispose();
});

/** PyTorch's `linear(x.flatten())` for x in CHW order, computed directly. */
function torchLinearOnChwFlatten(weight: TorchTensor, bias: Float32Array, chw: Float32Array): number[] {
  const [out, inputs] = weight.shape as [number, number];
  return Array.from({ length: out }, (_, o) => {
    let sum = bias[o]!;
    for (let i = 0; i < inputs; i++) sum += weight.data[o * inputs + i]! * chw[i]!;
    return sum;
  });
}

test("law: a linear layer after a flatten computes PyTorch's channel-major linear on the same image", (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer(),
      (h, w, c, out, seed) => {
        const model = tf.sequential({
          layers: [
            tf.layers.flatten({ name: 'flatten', inputShape: [h, w, c] }),
            tf.layers.dropout({ name: 'classifier.0', rate: 0.5 }),
            tf.layers.dense({ name: 'classifier.1', units: out }),
          ],
        });
        const random = (n: number, s: number) =>
          tf.tidy(() => tf.randomUniform([n], -1, 1, 'float32', s).dataSync() as Float32Array);
        const weight = { shape: [out, h * w * c], data: random(out * h * w * c, seed) };
        const bias = random(out, seed + 1);
        const stateDict: TorchStateDict = new Map([
          ['classifier.1.weight', weight],
          ['classifier.1.bias', { shape: [out], data: bias }],
        ]);
        loadWeights(model, stateDict);
        const chw = random(c * h * w, seed + 2);
        const y = tf.tidy(() =>
          (model.predict(tf.tensor4d(chw, [1, c, h, w]).transpose([0, 2, 3, 1])) as tf.Tensor).dataSync(),
        );
        const expected = torchLinearOnChwFlatten(weight, bias, chw);
        model.dispose();
        return expected.every((v, i) => Math.abs(v - y[i]!) < 1e-5);
      },
    ),
    { numRuns: 30 },
  );
  t.pass();
});

test('law: transposeArray agrees with tf.transpose for any shape and permutation', (t) => {
  const shapeAndPerm = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
    fc
      .shuffledSubarray(
        shape.map((_, i) => i),
        { minLength: shape.length, maxLength: shape.length },
      )
      .map((perm) => ({ shape, perm })),
  );
  fc.assert(
    fc.property(shapeAndPerm, ({ shape, perm }) => {
      const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i);
      const expected = tf.tidy(() => tf.transpose(tf.tensor(data, shape), perm).dataSync());
      return transposeArray(data, shape, perm).every((v, i) => v === expected[i]);
    }),
  );
  t.pass();
});
