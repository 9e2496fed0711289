import test from 'ava';
import fc from 'fast-check';
import { firstValueFrom, from, toArray } from 'rxjs';
import {
  functional as F,
  IMAGENET_MEAN,
  IMAGENET_STD,
  randomCrop,
  sampleOf,
  type RawImage,
} from '../../src/data/index.js';

const rawImage = (maxSide = 24) =>
  fc
    .record({
      width: fc.integer({ min: 1, max: maxSide }),
      height: fc.integer({ min: 1, max: maxSide }),
      seed: fc.nat(),
    })
    .map(({ width, height, seed }) => {
      const data = new Uint8Array(width * height * 3);
      for (let i = 0; i < data.length; i++) data[i] = (Math.imul(i + 1, 2654435761) ^ seed) >>> 24;
      return { data, width, height };
    });

const same = (a: RawImage, b: RawImage) =>
  a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));

test('hflip∘hflip is the identity', (t) => {
  fc.assert(fc.property(rawImage(), (image) => same(F.hflip(F.hflip(image)), image)));
  t.pass();
});

test('centerCrop to the image’s own size is the identity', (t) => {
  fc.assert(fc.property(rawImage(), (image) => same(F.centerCrop(image, [image.height, image.width]), image)));
  t.pass();
});

test('resize(int) makes the shorter side the size and the longer int(size * long / short)', (t) => {
  fc.assert(
    fc.property(rawImage(40), fc.integer({ min: 1, max: 48 }), (image, size) => {
      const out = F.resize(image, size);
      const [short, long] = image.width <= image.height ? [out.width, out.height] : [out.height, out.width];
      const expectedLong = Math.trunc(
        (size * Math.max(image.width, image.height)) / Math.min(image.width, image.height),
      );
      return short === size && long === expectedLong && out.data.length === out.width * out.height * 3;
    }),
  );
  t.pass();
});

test('resize([h, w]), crops and tenCrop give the requested shapes for any input size', (t) => {
  fc.assert(
    fc.property(rawImage(), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (image, h, w) => {
      const r = F.resize(image, [h, w]);
      const c = F.centerCrop(image, [h, w]);
      const crops = F.tenCrop(r, [Math.ceil(h / 2), Math.ceil(w / 2)]);
      return (
        r.height === h &&
        r.width === w &&
        c.height === h &&
        c.width === w &&
        c.data.length === h * w * 3 &&
        crops.length === 10 &&
        crops.every((x) => x.height === Math.ceil(h / 2) && x.width === Math.ceil(w / 2))
      );
    }),
  );
  t.pass();
});

test('tenCrop’s last five crops are the five crops of the flipped image', (t) => {
  fc.assert(
    fc.property(rawImage(), fc.integer({ min: 1, max: 24 }), (image, size) => {
      const s = Math.min(size, image.width, image.height);
      const ten = F.tenCrop(image, s);
      const flippedFive = F.fiveCrop(F.hflip(image), s);
      return (
        ten.slice(5).every((crop, k) => same(crop, flippedFive[k]!)) &&
        ten.slice(0, 5).every((crop, k) => same(crop, F.fiveCrop(image, s)[k]!))
      );
    }),
  );
  t.pass();
});

test('normalize then denormalize is the identity within 1e-5', (t) => {
  fc.assert(
    fc.property(rawImage(), (image) => {
      const x = F.toTensor(image);
      const back = F.denormalize(F.normalize(x, IMAGENET_MEAN, IMAGENET_STD), IMAGENET_MEAN, IMAGENET_STD);
      return back.data.every((v, i) => Math.abs(v - x.data[i]!) <= 1e-5);
    }),
  );
  t.pass();
});

const cropsOf = (image: RawImage, size: number, seed: number) =>
  firstValueFrom(
    from([0, 1, 2].map((index) => ({ ...sampleOf({ path: `${index}.jpg`, label: 0, index }, seed), image }))).pipe(
      randomCrop(size),
      toArray(),
    ),
  );

test('randomCrop stays inside the image and is reproducible for a seed', async (t) => {
  await fc.assert(
    fc.asyncProperty(rawImage(), fc.nat(), async (image, seed) => {
      const size = Math.max(1, Math.min(image.width, image.height) - 1);
      const [a, b] = [await cropsOf(image, size, seed), await cropsOf(image, size, seed)];
      const inside = a.every((s) => s.image.width === size && s.image.height === size);
      // A crop inside the image contains only the image's pixels: find it at some offset.
      const found = a.every((s) => {
        for (let top = 0; top + size <= image.height; top++)
          for (let left = 0; left + size <= image.width; left++)
            if (same(F.crop(image, top, left, size, size), s.image)) return true;
        return false;
      });
      return inside && found && a.every((s, k) => same(s.image, b[k]!.image));
    }),
    { numRuns: 40 },
  );
  t.pass();
});
