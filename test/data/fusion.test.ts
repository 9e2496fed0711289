import test from 'ava';
import fc from 'fast-check';
import { firstValueFrom, of, type Observable, type OperatorFunction } from 'rxjs';
import {
  centerCrop,
  compose,
  normalize,
  randomCrop,
  randomHorizontalFlip,
  seededRandom,
  tenCrop,
  toTensor,
  type FloatImage,
  type RawImage,
  type Sample,
} from '../../src/data/index.js';

type AnyOperator = OperatorFunction<any, any>;

const rawImage = fc
  .record({ width: fc.integer({ min: 1, max: 20 }), height: fc.integer({ min: 1, max: 20 }), seed: fc.nat() })
  .map(({ width, height, seed }) => {
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < data.length; i++) data[i] = (Math.imul(i + 1, 2654435761) ^ seed) >>> 24;
    return { data, width, height };
  });

const side = fc.integer({ min: 1, max: 24 });
const geometry: fc.Arbitrary<AnyOperator> = fc.oneof(
  fc.tuple(side, side).map(([h, w]) => centerCrop([h, w])),
  fc.tuple(side, side).map(([h, w]) => randomCrop([h, w])),
  fc.constantFrom(0, 0.5, 1).map((p) => randomHorizontalFlip(p)),
);
const channel = (min: number, max: number) =>
  fc.tuple(...[0, 1, 2].map(() => fc.double({ min, max, noNaN: true }))) as fc.Arbitrary<[number, number, number]>;
const normalizations = fc.array(
  fc.tuple(channel(-1, 1), channel(0.05, 3)).map(([mean, std]) => normalize(mean, std)),
  { maxLength: 2 },
);

const sampleOf = <T>(image: T, seed: number): Sample<T> => ({
  path: 'x.png',
  label: 0,
  index: 0,
  image,
  random: seededRandom(seed),
});

/** Each operator applied alone, in turn: what the chain gives without fusion. */
const oneByOne = (operators: readonly AnyOperator[]) => (source: Observable<unknown>) =>
  operators.reduce((stream, operator) => stream.pipe(operator), source);

const outcome = async (source: Observable<unknown>): Promise<{ error: string } | { images: FloatImage[] }> => {
  try {
    const { image } = await firstValueFrom(source as Observable<Sample<FloatImage | FloatImage[]>>);
    return { images: Array.isArray(image) ? image : [image] };
  } catch (error) {
    return { error: String(error) };
  }
};

const bitsOf = (images: readonly FloatImage[]) =>
  images.map((i) => [
    i.width,
    i.height,
    Buffer.from(i.data.buffer, i.data.byteOffset, i.data.byteLength).toString('hex'),
  ]);

const sameOutcome = async (
  operators: readonly AnyOperator[],
  fused: AnyOperator,
  image: unknown,
  seed: number,
): Promise<boolean> => {
  const [a, b] = [
    await outcome(of(sampleOf(image, seed)).pipe(oneByOne(operators))),
    await outcome(of(sampleOf(image, seed)).pipe(fused)),
  ];
  if ('error' in a || 'error' in b) return 'error' in a && 'error' in b && a.error === b.error;
  return JSON.stringify(bitsOf(a.images)) === JSON.stringify(bitsOf(b.images));
};

test('compose of crops, flips, toTensor and normalize is bit-identical to the operators one by one (padding, mirrors, errors included)', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      rawImage,
      fc.array(geometry, { maxLength: 4 }),
      normalizations,
      fc.nat(),
      fc.nat(),
      async (image, crops, norms, split, seed) => {
        const operators = [...crops, toTensor(), ...norms];
        const cut = split % (operators.length + 1);
        const nested = compose(compose(...(operators.slice(0, cut) as [])), compose(...(operators.slice(cut) as [])));
        return (
          (await sameOutcome(operators, compose(...(operators as [])), image, seed)) &&
          (await sameOutcome(operators, nested, image, seed))
        );
      },
    ),
    { numRuns: 300 },
  );
  t.pass();
});

test('compose of tenCrop, toTensor and normalize is bit-identical to the operators one by one', async (t) => {
  await fc.assert(
    fc.asyncProperty(rawImage, fc.integer({ min: 1, max: 8 }), normalizations, async (image, size, norms) => {
      const operators = [tenCrop(Math.min(size, image.width, image.height)), toTensor(), ...norms];
      return sameOutcome(operators, compose(...(operators as [])), image, 0);
    }),
    { numRuns: 50 },
  );
  t.pass();
});

test('a fused run writes its image straight into the memory given for its sample, the same bits as without it', async (t) => {
  const { writeFinalImageInto } = await import('../../src/data/operators/output-memory.js');
  const image = {
    data: Uint8Array.from({ length: 9 * 7 * 3 }, (_, i) => (i * 37) % 256),
    width: 9,
    height: 7,
  } as RawImage;
  for (const [pipeline, length] of [
    [compose(centerCrop(6), randomCrop(4), randomHorizontalFlip(0.5), toTensor(), normalize()), 4 * 4 * 3],
    [compose(tenCrop(4), toTensor<RawImage[]>(), normalize<FloatImage[]>()), 10 * 4 * 4 * 3],
  ] as const) {
    const plain = await outcome(of(sampleOf(image, 3)).pipe(pipeline as AnyOperator));
    const sample = sampleOf(image, 3);
    const memory = new Float32Array(length + 5).subarray(5);
    writeFinalImageInto(sample.random, memory);
    const written = await outcome(of(sample).pipe(pipeline as AnyOperator));
    if (!('images' in written) || !('images' in plain)) return t.fail('the pipeline failed');
    t.true(
      written.images.every((i) => i.data.buffer === memory.buffer),
      'written into the given memory',
    );
    t.deepEqual(bitsOf(written.images), bitsOf(plain.images));
    t.deepEqual(
      Array.from(memory),
      written.images.flatMap((i) => Array.from(i.data)),
    );
  }
});
