import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { alexnet, inferAlexNetOptions, torchStateDictOf, UnknownArchitectureError, type AlexNetVariant } from '../../src/models/index.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const cases: Array<[AlexNetVariant, number, number]> = [
  ['torchvision', 16, 2], ['torchvision', 32, 10], ['torchvision', 7, 3], ['torchvision', 64, 1000], ['paper', 16, 5], ['paper', 24, 2],
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
    t.deepEqual([...(await torchStateDictOf(rebuilt))].map(([key, v]) => [key, v.shape]), [...stateDict].map(([key, v]) => [key, v.shape]));
    rebuilt.dispose();
  });
}

test('a state dict that is no AlexNet is an UnknownArchitectureError listing what it holds', (t) => {
  const stateDict = new Map([['fc.weight', { shape: [2, 3], data: new Float32Array(6) }]]);
  const error = t.throws(() => inferAlexNetOptions(stateDict, 'resnet.pth'), { instanceOf: UnknownArchitectureError });
  t.regex(error!.message, /^resnet\.pth: expected the state dict of torchvision's AlexNet .* it has 1 tensors: fc\.weight \[2, 3\]$/);
});
