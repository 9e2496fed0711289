// A new augmentation in a few lines (examples/augmentations.ts), run by the loader's worker threads.
// Run: npx tsx examples/custom-augmentation.ts [folder of cat.N.jpg / dog.N.jpg]
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { take } from 'ix/asynciterable/operators';
import {
  compose,
  decodeImage,
  listKaggleFolder,
  loader,
  toTensor,
  workerTransform,
  WorkerTransformError,
  type RawImage,
} from '../src/index.js';
import { randomGrayscale } from './augmentations.js';

/** Three noisy 320×240 JPEGs named as the Kaggle set, when no folder is given. */
async function sampleFolder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'rxtrain-augment-'));
  for (const [i, name] of ['cat.0.jpg', 'dog.1.jpg', 'cat.2.jpg'].entries()) {
    const noise = Buffer.from(
      Array.from({ length: 320 * 240 * 3 }, (_, k) => (k * 7 * (i + 1) + ((k / 960) | 0) * 3) % 256),
    );
    await sharp(noise, { raw: { width: 320, height: 240, channels: 3 } })
      .jpeg()
      .toFile(join(dir, name));
  }
  return dir;
}

await tf.setBackend('cpu');
const dir = process.argv[2] ?? (await sampleFolder());
// The module and export the workers build the transform from, and its arguments (here p = 0.5).
const augment = workerTransform(new URL('./augmentations.ts', import.meta.url), 'catDogTrain', 0.5);
const train = loader(() => listKaggleFolder(dir, { mode: 'all' }), augment, {
  batchSize: 3,
  shuffle: true,
  seed: 620,
  workers: 2,
});

// epoch(k) is an IxJS async iterable: ix operators compose on batches (here, the first one only).
for await (const { x, y, paths } of train.epoch(0).pipe(take(1))) {
  const [n, height, width] = x.shape;
  const means = tf.tidy(() => x.mean([1, 2]).arraySync() as number[][]);
  const labels = y.arraySync();
  for (let i = 0; i < n; i++)
    console.log(
      `${paths[i]} label ${labels[i]}: ${width}x${height}, channel means ${means[i]!.map((m) => m.toFixed(3)).join(' ')}`,
    );
  tf.dispose([x, y]);
}

// The same operators composed here are a closure: it runs with workers: 0, and with workers > 0 the loader says why it cannot.
const inProcess = compose(decodeImage({ onBadImage: 'fail' }), randomGrayscale(0.5), toTensor<RawImage>());
try {
  loader(() => listKaggleFolder(dir, { mode: 'all' }), inProcess, { batchSize: 3, workers: 2 });
} catch (error) {
  if (!(error instanceof WorkerTransformError)) throw error;
  console.error(`as expected: ${error.name}`);
}
if (!process.argv[2]) rmSync(dir, { recursive: true, force: true });
