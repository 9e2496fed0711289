import test from 'ava';
import fc from 'fast-check';
import { firstValueFrom, from, toArray } from 'rxjs';
import {
  colorJitter,
  compose,
  functional as F,
  pcaLighting,
  randomHorizontalFlip,
  sampleOf,
  seedValidTransform,
  toTensor,
  type RawImage,
} from '../../src/data/index.js';

const image = (width: number, height: number): RawImage => {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 256;
  return { data, width, height };
};
const samplesOf = (img: RawImage, seed: number, n = 6) =>
  from(
    Array.from({ length: n }, (_, index) => ({
      ...sampleOf({ path: `${index}.png`, label: 0, index }, seed),
      image: img,
    })),
  );

test('random operators give the same stream for the same seed, drawing only from each sample’s generator', async (t) => {
  const augment = compose(
    randomHorizontalFlip(0.5),
    colorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4 }),
    toTensor<RawImage>(),
    pcaLighting(0.1),
  );
  await fc.assert(
    fc.asyncProperty(fc.nat(), async (seed) => {
      const [a, b] = await Promise.all(
        [0, 1].map(() => firstValueFrom(samplesOf(image(5, 4), seed).pipe(augment, toArray()))),
      );
      return a!.every((s, k) => s.image.data.every((v, i) => v === b![k]!.image.data[i]!));
    }),
    { numRuns: 20 },
  );
  t.pass();
});

test('pcaLighting adds one offset per channel, the same at every pixel', async (t) => {
  const [sample] = await firstValueFrom(
    samplesOf(image(4, 3), 9, 1).pipe(toTensor<RawImage>(), pcaLighting(0.1), toArray()),
  );
  const plain = F.toTensor(image(4, 3)).data;
  const offsets = [0, 1, 2].map((c) => sample!.image.data[c]! - plain[c]!);
  t.true(offsets.some((o) => Math.abs(o) > 1e-6));
  t.true(sample!.image.data.every((v, i) => Math.abs(v - plain[i]! - offsets[i % 3]!) < 1e-6));
});

test('colour adjustments with factor 1 are the identity, saturation 0 is grey', (t) => {
  const img = image(7, 3);
  for (const adjust of [F.adjustBrightness, F.adjustContrast, F.adjustSaturation])
    t.deepEqual(adjust(img, 1).data, img.data);
  const grey = F.grayscale(img).data;
  t.true(grey.every((v, i) => v === grey[i - (i % 3)]));
});

test('the seed’s valid transform gives ten 224x224 float crops per sample', async (t) => {
  const [sample] = await firstValueFrom(samplesOf(image(300, 260), 1, 1).pipe(seedValidTransform(), toArray()));
  t.is(sample!.image.length, 10);
  t.true(sample!.image.every((crop) => crop.width === 224 && crop.height === 224 && crop.data instanceof Float32Array));
});
