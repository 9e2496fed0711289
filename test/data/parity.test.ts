import test from 'ava';
import { functional as F, IMAGENET_MEAN, IMAGENET_STD, loadImage, type FloatImage } from '../../src/data/index.js';
import { chwToHwc, differences, fixturePath, readReference, referencesOf, sha256 } from './fixtures.js';

const load = (image: string) => loadImage(fixturePath(`images/${image}`));
const decoded = new Map<string, ReturnType<typeof load>>();
const decode = (image: string) => {
  if (!decoded.has(image)) decoded.set(image, load(image));
  return decoded.get(image)!;
};

const PIXEL_TOLERANCE = { mean: 0.5, p999: 8 };
const normalisedTolerance = (std: number) => ({ mean: 0.5 / 255 / std, p999: 8 / 255 / std });

for (const reference of referencesOf('rgb')) {
  test(`decoded RGB of ${reference.image} equals Pillow's convert('RGB')`, async (t) => {
    const image = await decode(reference.image);
    t.deepEqual([image.height, image.width, 3], [...reference.shape]);
    t.is(sha256(image.data), reference.sha256 ?? 'a SHA-256 in the manifest');
  });
}

for (const [suffix, size] of [
  ['resize256', 256],
  ['resize256x256', [256, 256]],
] as const) {
  for (const reference of referencesOf(suffix)) {
    test(`Resize(${JSON.stringify(size)}) of ${reference.image} matches torchvision`, async (t) => {
      const resized = F.resize(await decode(reference.image), size);
      t.deepEqual([resized.height, resized.width, 3], [...reference.shape]);
      const { mean, p999 } = differences(resized.data, readReference(reference));
      t.log(`mean abs diff ${mean.toFixed(4)}, p99.9 ${p999}`);
      t.true(mean <= PIXEL_TOLERANCE.mean && p999 <= PIXEL_TOLERANCE.p999);
    });
  }
}

const withinNormalised = (actual: FloatImage, expected: Float32Array) => {
  const d = differences(actual.data, expected);
  const limit = normalisedTolerance(Math.max(...IMAGENET_STD));
  return { ...d, ok: d.mean <= limit.mean && d.p999 <= limit.p999 };
};

for (const reference of referencesOf('eval224')) {
  test(`Resize(256) -> CenterCrop(224) -> ToTensor -> Normalize of ${reference.image} matches torchvision`, async (t) => {
    const raw = F.centerCrop(F.resize(await decode(reference.image), 256), 224);
    const actual = F.normalize(F.toTensor(raw), IMAGENET_MEAN, IMAGENET_STD);
    const expected = chwToHwc(readReference(reference) as Float32Array, 3, 224, 224);
    const { mean, p999, ok } = withinNormalised(actual, expected);
    t.log(`mean abs diff ${mean.toExponential(3)}, p99.9 ${p999.toExponential(3)}`);
    t.true(ok);
  });
}

for (const reference of referencesOf('tencrop224')) {
  test(`the seed's valid_transform (ten crops) of ${reference.image} matches torchvision`, async (t) => {
    const crops = F.normalize(
      F.toTensor(F.tenCrop(F.resize(await decode(reference.image), [256, 256]), 224)),
      IMAGENET_MEAN,
      IMAGENET_STD,
    );
    t.is(crops.length, 10);
    const all = readReference(reference) as Float32Array;
    crops.forEach((crop, k) => {
      const { mean, p999, ok } = withinNormalised(crop, chwToHwc(all, 3, 224, 224, k * 3 * 224 * 224));
      if (!ok) t.log(`crop ${k}: mean ${mean}, p99.9 ${p999}`);
      t.true(ok, `crop ${k}`);
    });
  });
}

for (const reference of referencesOf('resize256')) {
  test(`loadImage with resize: 256 (libvips linear) of ${reference.image} is within the parity tolerance`, async (t) => {
    const resized = await loadImage(fixturePath(`images/${reference.image}`), { resize: 256 });
    t.deepEqual([resized.height, resized.width, 3], [...reference.shape]);
    const { mean, p999 } = differences(resized.data, readReference(reference));
    t.log(`mean abs diff ${mean.toFixed(4)}, p99.9 ${p999}`);
    t.true(mean <= PIXEL_TOLERANCE.mean && p999 <= PIXEL_TOLERANCE.p999);
  });
}
