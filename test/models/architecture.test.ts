import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import {
  alexnet,
  createModel,
  inferAlexNetOptions,
  inferArchitecture,
  modelFromStateDict,
  torchStateDictOf,
  UnknownArchitectureError,
  type AlexNetVariant,
  type ModelName,
} from '../../src/models/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const cases: Array<[AlexNetVariant, number, number]> = [
  ['torchvision', 16, 2],
  ['torchvision', 32, 10],
  ['torchvision', 7, 3],
  ['torchvision', 64, 1000],
  ['paper', 16, 5],
  ['paper', 24, 2],
];

for (const [variant, widthDivisor, numClasses] of cases) {
  test(`a ${variant} AlexNet's state dict (width ÷ ${widthDivisor}, ${numClasses} classes) tells its variant, width and classes`, async (t) => {
    const model = alexnet({ variant, widthDivisor, numClasses, seed: 1 });
    const stateDict = await torchStateDictOf(model);
    model.dispose();
    const inferred = inferAlexNetOptions(stateDict);
    t.is(inferred.variant, variant);
    t.is(inferred.numClasses, numClasses);
    const rebuilt = alexnet({ ...inferred, seed: 2 });
    t.deepEqual(
      [...(await torchStateDictOf(rebuilt))].map(([key, v]) => [key, v.shape]),
      [...stateDict].map(([key, v]) => [key, v.shape]),
    );
    rebuilt.dispose();
  });
}

test('a state dict that is no AlexNet is an UnknownArchitectureError listing what it holds', (t) => {
  const stateDict = new Map([['fc.weight', { shape: [2, 3], data: new Float32Array(6) }]]);
  const error = t.throws(() => inferAlexNetOptions(stateDict, 'resnet.pth'), { instanceOf: UnknownArchitectureError });
  t.regex(
    error.message,
    /^resnet\.pth: expected the state dict of torchvision's AlexNet .* it has 1 tensors: fc\.weight \[2, 3\]$/,
  );
});

const torchvisionCases: Array<[ModelName, number, number]> = [
  ['resnet18', 1, 1000],
  ['resnet34', 16, 2],
  ['resnet50', 8, 5],
  ['mobilenet_v2', 1, 7],
  ['mobilenet_v2', 8, 3],
  ['mobilenet_v3_small', 4, 2],
  ['mobilenet_v3_large', 1, 1000],
  ['alexnet', 16, 4],
];

for (const [name, widthDivisor, numClasses] of torchvisionCases) {
  test(`${name}'s state dict (width ÷ ${widthDivisor}, ${numClasses} classes) tells its family, width and classes`, async (t) => {
    const model = createModel(name, { numClasses, widthDivisor, initialize: false });
    const stateDict = await torchStateDictOf(model);
    model.dispose();
    t.like(inferArchitecture(stateDict), { model: name, numClasses, widthDivisor });
  });
}

test('a ResNet-18 state dict without num_batches_tracked (PyTorch < 0.4.1) still loads, as in PyTorch', async (t) => {
  const model = createModel('resnet18', { numClasses: 3, widthDivisor: 16, seed: 1 });
  const stateDict = new Map(
    [...(await torchStateDictOf(model))].filter(([key]) => !key.endsWith('num_batches_tracked')),
  );
  model.dispose();
  const loaded = modelFromStateDict(stateDict, 'old.pth');
  t.like(loaded.architecture, { model: 'resnet18', numClasses: 3, widthDivisor: 16 });
  loaded.model.dispose();
});

test('a state dict one key short of ResNet-34 is an UnknownArchitectureError naming resnet34 and the first key that differs', async (t) => {
  const model = createModel('resnet34', { numClasses: 2, widthDivisor: 16, initialize: false });
  const stateDict = new Map([...(await torchStateDictOf(model))].filter(([key]) => key !== 'layer3.2.conv2.weight'));
  model.dispose();
  const error = t.throws(() => inferArchitecture(stateDict, 'edited.pth'), { instanceOf: UnknownArchitectureError });
  t.regex(
    error.message,
    /^edited\.pth: not the state dict of a model rxtrain builds .*the closest is resnet34 .*`layer3\.2\.bn2\.weight`, where resnet34 has `layer3\.2\.conv2\.weight`/,
  );
});
