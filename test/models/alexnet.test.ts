import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { alexnet, ModelOptionError, parameterGroups } from '../../src/models/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const weightCount = (model: tf.LayersModel, group: string): number =>
  parameterGroups(model)
    .find((g) => g.name === group)!
    .variables.reduce((sum, v) => sum + (v.shape as number[]).reduce((a, b) => a * b, 1), 0);

test('full-size torchvision alexnet has exactly 61,100,840 parameters', (t) => {
  const model = alexnet();
  t.is(model.countParams(), 61_100_840);
  t.is(weightCount(model, 'features') + weightCount(model, 'classifier'), 61_100_840);
  model.dispose();
});

test('full-size paper alexnet has the 60,965,224 parameters stated in docs/models.md', (t) => {
  const model = alexnet({ variant: 'paper' });
  t.is(model.countParams(), 60_965_224);
  t.deepEqual(model.inputs[0]!.shape, [null, 227, 227, 3]);
  model.dispose();
});

test('weighted layers carry torchvision module names and form the features and classifier groups', (t) => {
  const model = alexnet({ widthDivisor: 16, numClasses: 2 });
  const weighted = model.layers.filter((l) => l.weights.length > 0).map((l) => l.name);
  t.deepEqual(weighted, [
    'features.0',
    'features.3',
    'features.6',
    'features.8',
    'features.10',
    'classifier.1',
    'classifier.4',
    'classifier.6',
  ]);
  t.deepEqual(
    parameterGroups(model).map((g) => g.name),
    ['features', 'classifier'],
  );
  t.deepEqual(
    parameterGroups(model).map((g) => g.variables.length),
    [10, 6],
  );
  t.is(model.countParams(), 225_094); // torchvision's count for widths / 16 and 2 classes (models.json)
  model.dispose();
});

test('the torchvision variant accepts 224, 256 and 96 inputs and gives [n, numClasses] logits', (t) => {
  const model = alexnet({ widthDivisor: 16, numClasses: 3, seed: 1 });
  const before = tf.memory().numTensors;
  for (const size of [224, 256, 96]) {
    const y = tf.tidy(() => model.predict(tf.zeros([2, size, size, 3])) as tf.Tensor);
    t.deepEqual(y.shape, [2, 3]);
    y.dispose();
  }
  t.is(tf.memory().numTensors, before);
  model.dispose();
});

test('inputSize fixes the input shape, which is open without it', (t) => {
  const fixed = alexnet({ widthDivisor: 16, inputSize: 224 });
  const open = alexnet({ widthDivisor: 16 });
  t.deepEqual(fixed.inputs[0]!.shape, [null, 224, 224, 3]);
  t.deepEqual(open.inputs[0]!.shape, [null, null, null, 3]);
  t.deepEqual(fixed.getLayer('avgpool').outputShape, [null, 6, 6, 16]);
  fixed.dispose();
  open.dispose();
});

test('the paper variant runs on 227×227 input with grouped convolutions and LRN', (t) => {
  const model = alexnet({ variant: 'paper', widthDivisor: 16, numClasses: 5, seed: 2 });
  const y = tf.tidy(() => model.predict(tf.randomNormal([1, 227, 227, 3], 0, 1, 'float32', 3)) as tf.Tensor);
  t.deepEqual(y.shape, [1, 5]);
  t.true(y.dataSync().every(Number.isFinite));
  t.deepEqual(model.getLayer('features.4').getClassName(), 'GroupedConv2d');
  t.deepEqual(model.getLayer('features.2').getClassName(), 'LocalResponseNormalization');
  y.dispose();
  model.dispose();
});

test('the paper initialisation: conv weights have std 0.01, biases are 1 in conv2/4/5 and fc6/fc7, 0 elsewhere', (t) => {
  const model = alexnet({ variant: 'paper', widthDivisor: 4, seed: 5 });
  const biasMean = (name: string) => tf.tidy(() => tf.mean(model.getLayer(name).getWeights()[1]!).dataSync()[0]);
  t.deepEqual(
    [
      'features.0',
      'features.4',
      'features.8',
      'features.10',
      'features.12',
      'classifier.0',
      'classifier.3',
      'classifier.6',
    ].map(biasMean),
    [0, 1, 0, 1, 1, 1, 1, 0],
  );
  const std = tf.tidy(() => tf.moments(model.getLayer('features.8').getWeights()[0]!).variance.sqrt().dataSync()[0]);
  t.true(Math.abs(std! - 0.01) < 0.0005, `std ${std}`);
  model.dispose();
});

test('the same seed gives the same weights, another seed different ones', (t) => {
  const first = (seed: number) => {
    const model = alexnet({ widthDivisor: 16, seed });
    const values = model
      .getLayer('classifier.6')
      .getWeights()
      .map((w) => Array.from(w.dataSync()));
    model.dispose();
    return values;
  };
  t.deepEqual(first(7), first(7));
  t.notDeepEqual(first(7), first(8));
});

test('bad options are refused with a ModelOptionError naming the option', (t) => {
  for (const [options, option] of [
    [{ numClasses: 0 }, 'numClasses'],
    [{ widthDivisor: 1.5 }, 'widthDivisor'],
    [{ dropout: 1 }, 'dropout'],
    [{ variant: 'vgg' }, 'variant'],
    [{ inputSize: 32 }, 'inputSize'],
  ] as const) {
    const error = t.throws(() => alexnet(options as never), { instanceOf: ModelOptionError });
    t.is(error?.option, option);
  }
});
