import { join } from 'node:path';
import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { createModel, loadTorchCheckpoint, loadWeights, type ModelName } from '../../src/models/index.js';
import { NO_TORCH, nhwcInput, parityPython, relativeError, torchvisionReference } from './torchvision-reference.js';

const FAMILIES: readonly ModelName[] = ['resnet18', 'resnet34', 'resnet50', 'mobilenet_v2', 'mobilenet_v3_small', 'mobilenet_v3_large'];

test.before(async () => {
  await tf.setBackend('cpu');
});

if (parityPython === undefined) {
  test.skip(`full-width ResNet and MobileNet logits equal torchvision's — ${NO_TORCH}`, () => undefined);
} else {
  for (const name of FAMILIES) {
    test.serial(`${name}, full width, seeded random torchvision weights: eval-mode logits within 1e-4 relative of torchvision's`, async (t) => {
      const reference = await torchvisionReference(name);
      t.teardown(() => reference.dispose());
      const model = createModel(name, { numClasses: reference.classes, seed: 3 });
      t.teardown(() => model.dispose());
      const result = loadWeights(model, await loadTorchCheckpoint(join(reference.dir, 'model.pth')));
      t.is(result.missing.length + result.unexpected.length, 0);
      const before = tf.memory().numTensors;
      const logits = tf.tidy(() => model.predict(nhwcInput(reference)) as tf.Tensor);
      const error = relativeError(logits.dataSync(), reference.logits);
      logits.dispose();
      t.log(`largest |Δlogit| / largest |logit| = ${error.toExponential(2)}`);
      t.true(error <= 1e-4, `${error}`);
      t.is(tf.memory().numTensors, before);
    });
  }
}
