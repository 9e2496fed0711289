import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, toArray } from 'rxjs';
import { kaimingAlexNet } from '../../src/models/index.js';
import { trainStream, type ModelFactory, type TrainConfig, type ValidationEvent } from '../../src/train/index.js';
import { memoryLoader } from './memory-loader.js';
import { shapesDataset } from './shapes-dataset.js';

/** Validation accuracy after each epoch of a run on generated discs vs bars. */
async function accuracies(size: number, trainCount: number, config: Omit<TrainConfig, 'data'>): Promise<number[]> {
  const train = shapesDataset(trainCount, size, 101);
  const valid = shapesDataset(64, size, 202);
  const events = await lastValueFrom(
    trainStream({
      data: {
        train: memoryLoader(standardised(train.images), train.labels, {
          batchSize: 16,
          sampleShape: [size, size, 3],
          seed: 3,
        }),
        valid: memoryLoader(standardised(valid.images), valid.labels, { batchSize: 32, sampleShape: [size, size, 3] }),
      },
      imageSize: size,
      backend: 'wasm',
      lrDecay: null,
      ...config,
    }).pipe(toArray()),
  );
  return events.filter((e): e is ValidationEvent => e.kind === 'validation').map((v) => v.accuracy);
}

/** Roughly zero mean and unit variance, as the ImageNet normalisation gives real inputs. */
const standardised = (images: Float32Array) => images.map((v) => (v - 0.3) / 0.25);

/** Two convolutions and a global max pool: small, but it can tell a disc from a bar anywhere. */
const shapeNet: ModelFactory = ({ numClasses, imageSize }) =>
  tf.sequential({
    layers: [
      tf.layers.conv2d({
        name: 'features.0',
        inputShape: [imageSize, imageSize, 3],
        filters: 8,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
      }),
      tf.layers.maxPooling2d({ name: 'features.2', poolSize: 2 }),
      tf.layers.conv2d({
        name: 'features.3',
        filters: 8,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: 2 }),
      }),
      tf.layers.globalMaxPooling2d({ name: 'features.5' }),
      tf.layers.dense({
        name: 'classifier.1',
        units: numClasses,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
    ],
  });

test.serial(
  'learning check: a small convnet tells discs from bars (>= 90 % validation accuracy) in 4 epochs',
  async (t) => {
    const curve = await accuracies(32, 192, { model: shapeNet, epochs: 4, lr: 0.01 });
    t.log(`validation accuracy per epoch: ${curve.map((a) => a.toFixed(3)).join(' ')}`);
    t.is(curve.length, 4);
    t.true(curve.at(-1)! >= 0.9);
  },
);

/**
 * PyTorch's default initialisation (kaiming-uniform, a = √5) shrinks the signal layer by layer; a
 * 16-times narrower AlexNet trained from scratch with it does not leave chance level within a test's
 * budget, so this one starts from He-normal weights and zero biases (`--init kaiming`).
 */
test.serial(
  'learning check: AlexNet with widthDivisor 16 tells discs from bars (>= 90 % validation accuracy) at 64 px in 8 epochs',
  async (t) => {
    const curve = await accuracies(64, 512, { model: kaimingAlexNet, widthDivisor: 16, epochs: 8, lr: 0.003 });
    t.log(`validation accuracy per epoch: ${curve.map((a) => a.toFixed(3)).join(' ')}`);
    t.is(curve.length, 8);
    t.true(curve.at(-1)! >= 0.9);
  },
);
