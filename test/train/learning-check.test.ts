import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, toArray } from 'rxjs';
import { trainStream, type ModelFactory, type ValidationEvent } from '../../src/train/index.js';
import { memoryLoader } from './memory-loader.js';
import { shapesDataset } from './shapes-dataset.js';

const SIZE = 32;

/** Two convolutions and a global max pool: small, but it can tell a disc from a bar anywhere. */
const shapeNet: ModelFactory = ({ numClasses, imageSize }) =>
  tf.sequential({
    layers: [
      tf.layers.conv2d({ name: 'features.0', inputShape: [imageSize, imageSize, 3], filters: 8, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }),
      tf.layers.maxPooling2d({ name: 'features.2', poolSize: 2 }),
      tf.layers.conv2d({ name: 'features.3', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed: 2 }) }),
      tf.layers.globalMaxPooling2d({ name: 'features.5' }),
      tf.layers.dense({ name: 'classifier.1', units: numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });

test.serial('learning check: discs vs bars on noise reach at least 90 % validation accuracy in 4 epochs', async (t) => {
  const train = shapesDataset(192, SIZE, 101);
  const valid = shapesDataset(64, SIZE, 202);
  const events = await lastValueFrom(
    trainStream({
      data: {
        train: memoryLoader(train.images, train.labels, { batchSize: 16, sampleShape: [SIZE, SIZE, 3], seed: 3 }),
        valid: memoryLoader(valid.images, valid.labels, { batchSize: 32, sampleShape: [SIZE, SIZE, 3] }),
      },
      model: shapeNet,
      imageSize: SIZE,
      backend: 'wasm',
      epochs: 4,
      lr: 0.02,
      lrDecay: { stepSize: 3, gamma: 0.3 },
    }).pipe(toArray()),
  );
  const validations = events.filter((e): e is ValidationEvent => e.kind === 'validation');
  t.log(`validation accuracy per epoch: ${validations.map((v) => v.accuracy.toFixed(3)).join(' ')}`);
  t.is(validations.length, 4);
  t.true(validations.at(-1)!.accuracy >= 0.9);
});
