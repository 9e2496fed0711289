import test from 'ava';
import { lastValueFrom, toArray, type OperatorFunction } from 'rxjs';
import { fromFiles, type Entry, IMAGENET_STD, seedTrainPipeline, seedValidPipeline } from '../../src/data/index.js';
import { differences, fixturePath } from './fixtures.js';

const entries = () =>
  fromFiles(
    ['rocket.jpg', 'chelsea.png', 'horse.png'].map((name) => ({ path: fixturePath(`images/${name}`), label: 0 })),
  );
const run = <T>(pipeline: OperatorFunction<Entry, T>) => lastValueFrom(entries().pipe(pipeline, toArray()));
const worstStd = Math.min(...IMAGENET_STD);

test('seedTrainPipeline resizing while decoding draws the same 224 crops as the Pillow-exact one, pixels within the parity tolerance', async (t) => {
  const [fast, exact] = await Promise.all(
    [false, true].map((exactResize) => run(seedTrainPipeline({ exactResize, seed: 5 }))),
  );
  t.is(fast!.length, 3);
  fast!.forEach((sample, k) => {
    t.deepEqual([sample.image.height, sample.image.width], [224, 224]);
    const { mean } = differences(sample.image.data, exact![k]!.image.data);
    t.true(mean <= 0.5 / 255 / worstStd, `mean difference ${mean}`);
  });
});

test('seedValidPipeline gives ten crops of imageSize per file', async (t) => {
  const samples = await run(seedValidPipeline({ imageSize: 32 }));
  t.true(
    samples.every((s) => s.image.length === 10 && s.image.every((crop) => crop.width === 32 && crop.height === 32)),
  );
});
