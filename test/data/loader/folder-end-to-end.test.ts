import * as tf from '@tensorflow/tfjs';
import test, { type ExecutionContext } from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  centerCrop,
  compose,
  decodeImage,
  IMAGENET_MEAN,
  IMAGENET_STD,
  normalize,
  randomCrop,
  randomHorizontalFlip,
  resize,
  toTensor,
} from '../../../src/data/index.js';
import { loader, type SampleTransform } from '../../../src/data/loader/index.js';
import { listKaggleFolder } from '../../../src/data/sources/kaggle-folder.js';
import { tempFolder } from '../../temp-folder.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

/** Nine tiny JPEGs of varied sizes named as the Kaggle set, and one text file posing as a JPEG. */
async function catDogFolder(t: ExecutionContext): Promise<string> {
  const dir = await tempFolder(t, 'loader');
  for (let i = 0; i < 9; i++) {
    const image = sharp({
      create: { width: 20 + 3 * i, height: 30 - i, channels: 3, background: { r: 25 * i, g: 200 - 10 * i, b: 90 } },
    });
    writeFileSync(join(dir, `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`), await image.jpeg().toBuffer());
  }
  writeFileSync(join(dir, 'cat.99.jpg'), 'not an image');
  return dir;
}

/** The seed's training transform at a tiny scale. */
const trainTransform = (): SampleTransform =>
  compose(
    decodeImage({ onBadImage: 'fail' }),
    resize(20),
    centerCrop(20),
    randomCrop(16),
    randomHorizontalFlip(0.5),
    toTensor(),
    normalize(IMAGENET_MEAN, IMAGENET_STD),
  );

test("a Kaggle folder through the seed's transform: class names from the listing, the bad file skipped with its reason, full normalised batches, same epoch twice", async (t) => {
  const dir = await catDogFolder(t);
  const baseline = tf.memory().numTensors;
  const train = loader(() => listKaggleFolder(dir, { mode: 'all' }), trainTransform(), {
    workers: 0,
    batchSize: 4,
    shuffle: true,
    seed: 3,
  });
  const read = async () => {
    const out = [];
    for await (const batch of train.epoch(1)) {
      out.push({
        paths: [...batch.paths],
        shape: batch.x.shape,
        labels: Array.from(batch.y.dataSync()),
        skipped: [...batch.skipped],
        x: Array.from(batch.x.dataSync()),
      });
      tf.dispose([batch.x, batch.y]);
    }
    return out;
  };
  const epoch = await read();
  t.deepEqual(await train.classes(), ['cat', 'dog']);
  t.is(await train.batchesPerEpoch(), 3);
  t.deepEqual(
    epoch.map((b) => b.shape),
    [
      [4, 16, 16, 3],
      [4, 16, 16, 3],
      [1, 16, 16, 3],
    ],
  );
  t.is(new Set(epoch.flatMap((b) => b.paths)).size, 9);
  t.deepEqual(
    epoch.flatMap((b) => b.labels),
    epoch.flatMap((b) => b.paths.map((p) => (p.includes('/dog.') ? 1 : 0))),
  );
  const skipped = epoch.flatMap((b) => b.skipped);
  t.deepEqual(
    skipped.map((s) => s.path),
    [join(dir, 'cat.99.jpg')],
  );
  t.true(skipped[0]!.reason.length > 0);
  const values = epoch.flatMap((b) => b.x);
  t.true(
    values.some((v) => v < 0) && values.every((v) => v >= -2.2 && v <= 2.7),
    'normalised with ImageNet statistics',
  );
  t.deepEqual(await read(), epoch);
  t.is(tf.memory().numTensors, baseline);
});
