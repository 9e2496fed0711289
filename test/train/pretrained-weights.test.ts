import test, { type ExecutionContext } from 'ava';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastValueFrom, toArray } from 'rxjs';
import { loadTorchCheckpoint } from '../../src/models/index.js';
import { readCheckpoint, trainStream, type TrainConfig } from '../../src/train/index.js';
import { modelFixtures } from '../models/fixtures.js';
import { memoryLoader } from './memory-loader.js';
import { tempFolder } from '../temp-folder.js';

const fixtures = fileURLToPath(modelFixtures);
const SIZE = 96;
const images = Float32Array.from({ length: 4 * SIZE * SIZE * 3 }, (_, i) => Math.sin(i) * 0.5);

/** Runs one epoch at learning rate 0 with the fixture's weights and returns the saved weights. */
async function savedWeights(t: ExecutionContext, weights: string, numClasses: number) {
  const outDir = await tempFolder(t, 'weights');
  const config: TrainConfig = {
    data: {
      train: memoryLoader(images, [0, 1, 0, 1], {
        batchSize: 2,
        sampleShape: [SIZE, SIZE, 3],
        classes: [...Array(numClasses).keys()].map(String),
      }),
    },
    weights,
    numClasses,
    widthDivisor: 16,
    imageSize: SIZE,
    lr: 0,
    epochs: 1,
    backend: 'cpu',
    outDir,
  };
  const events = await lastValueFrom(trainStream(config).pipe(toArray()));
  const done = events.at(-1);
  if (done?.kind !== 'done') throw new Error('the run did not finish');
  return (await readCheckpoint(done.artifacts.checkpoint!)).weights;
}

/** OIHW → HWIO, as the model stores convolution kernels. */
const hwio = (data: Float32Array, [o, i, h, w]: readonly number[]) => {
  const out = new Float32Array(data.length);
  for (let a = 0; a < o!; a++)
    for (let b = 0; b < i!; b++)
      for (let y = 0; y < h!; y++)
        for (let x = 0; x < w!; x++) {
          out[((y * w! + x) * i! + b) * o! + a] = data[((a * i! + b) * h! + y) * w! + x]!;
        }
  return out;
};

test.serial(
  'weights: a legacy .pth loads into the default AlexNet; a different class count gets a fresh head',
  async (t) => {
    const file = join(fixtures, 'alexnet_div16_c2_s7.legacy.pth');
    const stateDict = await loadTorchCheckpoint(file);
    const conv = stateDict.get('features.0.weight')!;
    const head = stateDict.get('classifier.6.weight')!;

    const same = await savedWeights(t, file, 2);
    t.deepEqual(same['features.0/kernel']!.values, hwio(conv.data, conv.shape));
    t.deepEqual(Array.from(same['classifier.6/bias']!.values), Array.from(stateDict.get('classifier.6.bias')!.data));
    t.deepEqual(same['classifier.6/kernel']!.shape, [head.shape[1], 2]);

    const fresh = await savedWeights(t, file, 3);
    t.deepEqual(fresh['features.0/kernel']!.values, hwio(conv.data, conv.shape));
    t.deepEqual(fresh['classifier.6/kernel']!.shape, [head.shape[1], 3]);
  },
);

test.serial('weights: a missing .pth file errors the run naming the file', async (t) => {
  const missing = join(fixtures, 'no-such.pth');
  const error = await t.throwsAsync(
    lastValueFrom(
      trainStream({
        data: { train: memoryLoader(images, [0, 1, 0, 1], { batchSize: 2, sampleShape: [SIZE, SIZE, 3] }) },
        weights: missing,
        widthDivisor: 16,
        imageSize: SIZE,
        backend: 'cpu',
      }),
    ),
  );
  t.true(error.message.includes('no-such.pth'));
});
