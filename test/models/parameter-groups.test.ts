import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { createModel, freezeBatchNorm, MODEL_NAMES, parameterGroups } from '../../src/models/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const HEADS: Readonly<Record<string, readonly [backbone: string, head: string, headLayers: readonly string[]]>> = {
  alexnet: ['features', 'classifier', ['classifier.1', 'classifier.4', 'classifier.6']],
  resnet18: ['backbone', 'fc', ['fc']],
  resnet34: ['backbone', 'fc', ['fc']],
  resnet50: ['backbone', 'fc', ['fc']],
  mobilenet_v2: ['features', 'classifier', ['classifier.1']],
  mobilenet_v3_small: ['features', 'classifier', ['classifier.0', 'classifier.3']],
  mobilenet_v3_large: ['features', 'classifier', ['classifier.0', 'classifier.3']],
};

for (const name of MODEL_NAMES) {
  test(`${name}: parameterGroups gives a backbone and a head that partition the trainable weights`, (t) => {
    const model = createModel(name, { numClasses: 3, widthDivisor: 16, seed: 1 });
    const groups = parameterGroups(model);
    const [backboneName, headName, headLayers] = HEADS[name]!;
    t.deepEqual(
      groups.map((g) => [g.name, g.role]),
      [
        [backboneName, 'backbone'],
        [headName, 'head'],
      ],
    );
    const all = groups.flatMap((g) => g.variables.map((v) => v.originalName));
    t.deepEqual([...all].sort(), model.trainableWeights.map((v) => v.originalName).sort());
    t.deepEqual([...new Set(groups[1]!.variables.map((v) => v.originalName.split('/')[0]))], headLayers);
    model.dispose();
  });
}

test('freezeBatchNorm freezes every BatchNorm2d of a ResNet and of a MobileNet, and nothing of AlexNet', (t) => {
  for (const [name, count] of [
    ['resnet18', 20],
    ['mobilenet_v2', 52],
    ['alexnet', 0],
  ] as const) {
    const model = createModel(name, { numClasses: 2, widthDivisor: 16 });
    t.is(freezeBatchNorm(model), count, name);
    model.dispose();
  }
});
