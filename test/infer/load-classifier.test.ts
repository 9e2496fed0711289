import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, toArray } from 'rxjs';
import { initBackend } from '../../src/backend/index.js';
import { IMAGENET_CLASSES, InferenceInputError, loadClassifier } from '../../src/infer/index.js';
import { alexnet, saveTorchWeights } from '../../src/models/index.js';
import type { Batch, BatchLoader } from '../../src/data/index.js';
import { trainStream } from '../../src/train/index.js';
import { inferFixture, reference } from './reference.js';

test.before(async () => {
  await initBackend({ backend: 'cpu' });
});

const temporary = async (t: { teardown: (f: () => Promise<void>) => void }) => {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-classifier-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

test.serial("a 1000-output .pth gets ImageNet's class names, built in", async (t) => {
  const dir = await temporary(t);
  const model = alexnet({ widthDivisor: 64, numClasses: 1000, seed: 1 });
  await saveTorchWeights(model, join(dir, 'imagenet-tiny.pth'));
  model.dispose();
  const classifier = await loadClassifier({ weights: join(dir, 'imagenet-tiny.pth') });
  t.is(classifier.classes, IMAGENET_CLASSES);
  t.is(IMAGENET_CLASSES.length, 1000);
  t.deepEqual([IMAGENET_CLASSES[0], IMAGENET_CLASSES[281], IMAGENET_CLASSES[999]], ['tench', 'tabby', 'toilet tissue']);
  t.is(classifier.imageSize, 224);
  t.regex(classifier.description, /AlexNet \(torchvision, width ÷ 64\), 1000 classes$/);
  classifier.model.dispose();
});

test.serial(
  'a labels file must have one name per output; otherwise the error names the file and the count',
  async (t) => {
    const dir = await temporary(t);
    await writeFile(join(dir, 'labels.txt'), 'a\nb\n');
    const error = await t.throwsAsync(
      loadClassifier({ weights: inferFixture(reference.model), labels: join(dir, 'labels.txt') }),
      { instanceOf: InferenceInputError },
    );
    t.regex(
      error.message,
      new RegExp(`^${join(dir, 'labels.txt')}: expected 10 non-empty lines, .* got 2 line\\(s\\)$`),
    );
  },
);

test.serial("a checkpoint of a run whose model is not rxtrain's AlexNet is refused naming its factory", async (t) => {
  const dir = await temporary(t);
  const loader: BatchLoader = {
    batchesPerEpoch: async () => 1,
    classes: async () => ['a', 'b'],
    async *epoch(): AsyncGenerator<Batch> {
      yield { x: tf.ones([2, 4, 4, 3]), y: tf.tensor1d([0, 1], 'int32'), paths: ['m:0', 'm:1'], skipped: [] };
    },
  };
  const tinyNet = () =>
    tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [4, 4, 3] }), tf.layers.dense({ name: 'classifier.0', units: 2 })],
    });
  await lastValueFrom(
    trainStream({ data: { train: loader }, model: tinyNet, epochs: 1, backend: 'cpu', outDir: dir }).pipe(toArray()),
  );
  const error = await t.throwsAsync(loadClassifier({ checkpoint: join(dir, 'checkpoints', 'epoch-0001.ckpt') }), {
    instanceOf: InferenceInputError,
  });
  t.regex(error.message, /the run's model factory "tinyNet" is not one rxtrain builds/);
});
