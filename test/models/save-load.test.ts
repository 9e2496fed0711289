import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { alexnet, loadModel, ModelFileError, saveModel, type AlexNetOptions } from '../../src/models/index.js';
import { tempFolder } from '../temp-folder.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

/** One SGD step on random data, so the saved weights are no longer the initial ones. */
function trainOneStep(model: tf.LayersModel, size: number, classes: number): void {
  const optimizer = tf.train.sgd(0.05);
  tf.tidy(() => {
    const x = tf.randomNormal([2, size, size, 3], 0, 1, 'float32', 11);
    const y = tf.oneHot(tf.tensor1d([0, 1], 'int32'), classes);
    optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
    );
  });
  optimizer.dispose();
}

const cases: Array<[string, AlexNetOptions, number]> = [
  ['torchvision', { widthDivisor: 16, numClasses: 3, seed: 1 }, 96],
  ['paper (grouped convolutions, LRN)', { variant: 'paper', widthDivisor: 16, numClasses: 3, seed: 1 }, 227],
];

for (const [variant, options, size] of cases) {
  test.serial(
    `a trained ${variant} model saved to model.json + weights.bin loads back to identical outputs`,
    async (t) => {
      const directory = await tempFolder(t, 'model');
      const before = tf.memory().numTensors;
      const model = alexnet(options);
      const initial = model.getLayer('classifier.6').getWeights()[0]!.dataSync().slice();
      trainOneStep(model, size, 3);
      t.notDeepEqual(
        model.getLayer('classifier.6').getWeights()[0]!.dataSync(),
        initial,
        'the step changed the weights',
      );
      await saveModel(model, directory);
      const manifest = JSON.parse(await readFile(join(directory, 'model.json'), 'utf8'));
      t.deepEqual(manifest.weightsManifest[0].paths, ['./weights.bin']);
      const loaded = await loadModel(directory);
      t.deepEqual(
        loaded.layers.map((l) => [l.name, l.getClassName()]),
        model.layers.map((l) => [l.name, l.getClassName()]),
      );
      const x = tf.randomNormal([2, size, size, 3], 0, 1, 'float32', 12);
      const [expected, actual] = [model, loaded].map((m) => m.predict(x) as tf.Tensor);
      t.deepEqual(actual!.dataSync(), expected!.dataSync());
      tf.dispose([x, expected, actual]);
      model.dispose();
      loaded.dispose();
      t.is(tf.memory().numTensors, before);
    },
  );
}

test('loading a directory without model.json, or with a broken one, is a ModelFileError naming the file', async (t) => {
  const directory = await tempFolder(t, 'model');
  await t.throwsAsync(loadModel(directory), {
    instanceOf: ModelFileError,
    message: /model\.json: cannot read the model topology/,
  });
  await writeFile(join(directory, 'model.json'), '{"format": ');
  await t.throwsAsync(loadModel(directory), { instanceOf: ModelFileError, message: /model\.json: not JSON/ });
});
