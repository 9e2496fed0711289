import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import fc from 'fast-check';
import { filter } from 'rxjs';
import { ImageDecodeError } from '../../../src/data/errors.js';
import { loader, NoBatchError } from '../../../src/data/loader/index.js';
import { entriesOf, readEpoch, syntheticTransform } from './synthetic.js';

test.before(async () => {
  await tf.setBackend('cpu');
});

const path = (i: number): string => `img/${i}.jpg`;

test('a skipped file is reported in the next batch, which is filled from the following entries', async (t) => {
  const bad = new Set([1, 5, 9].map(path));
  const epoch = await readEpoch(
    loader(entriesOf(10), syntheticTransform({ bad }), { workers: 0, batchSize: 3 }).epoch(0),
  );
  t.deepEqual(
    epoch.paths,
    [[0, 2, 3], [4, 6, 7], [8]].map((b) => b.map(path)),
  );
  t.deepEqual(epoch.skipped, [[path(1)], [path(5)], [path(9)]]);
});

test('with dropLast the last full batch also carries the notices of the dropped remainder', async (t) => {
  const bad = new Set([1, 5, 9].map(path));
  const epoch = await readEpoch(
    loader(entriesOf(10), syntheticTransform({ bad }), { workers: 0, batchSize: 3, dropLast: true }).epoch(0),
  );
  t.deepEqual(
    epoch.paths,
    [
      [0, 2, 3],
      [4, 6, 7],
    ].map((b) => b.map(path)),
  );
  t.deepEqual(epoch.skipped, [[path(1)], [path(5), path(9)]]);
});

test('a transform that emits nothing for a file (a decoder that filtered it) skips it too', async (t) => {
  const transform = (source: Parameters<ReturnType<typeof syntheticTransform>>[0]) =>
    syntheticTransform()(source.pipe(filter((s) => s.index !== 2)));
  const epoch = await readEpoch(loader(entriesOf(5), transform, { workers: 0, batchSize: 2 }).epoch(0));
  t.deepEqual(
    epoch.paths,
    [
      [0, 1],
      [3, 4],
    ].map((b) => b.map(path)),
  );
  t.deepEqual(epoch.skipped, [[], [path(2)]]);
});

test("onBadImage: 'fail' fails the epoch with the file's ImageDecodeError", async (t) => {
  const bad = new Set([path(4)]);
  const error = await t.throwsAsync(
    readEpoch(
      loader(entriesOf(10), syntheticTransform({ bad }), { workers: 0, batchSize: 2, onBadImage: 'fail' }).epoch(0),
    ),
    { instanceOf: ImageDecodeError },
  );
  t.is(error?.path, path(4));
});

test('every file bad: the epoch fails with NoBatchError counting and naming each skipped file and its reason', async (t) => {
  const bad = new Set([0, 1, 2].map(path));
  const error = await t.throwsAsync(
    readEpoch(loader(entriesOf(3), syntheticTransform({ bad }), { workers: 0, batchSize: 2 }).epoch(0)),
    { instanceOf: NoBatchError },
  );
  t.regex(
    error.message,
    /^epoch 0 formed no batch: 3 of 3 files were skipped: img\/0\.jpg \(.+\), img\/1\.jpg \(.+\), img\/2\.jpg \(.+\)$/,
  );
});

test('no batch but the last is short, and every skipped file is reported once, in order', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 7 }),
      fc.boolean(),
      fc.func(fc.boolean()),
      async (n, batchSize, dropLast, isBad) => {
        const badIndices = Array.from({ length: n }, (_, i) => i).filter((i) => isBad(i) && i % 3 !== 0);
        const bad = new Set(badIndices.map(path));
        const good = Array.from({ length: n }, (_, i) => i).filter((i) => !bad.has(path(i)));
        const full = Math.floor(good.length / batchSize);
        const read = readEpoch(
          loader(entriesOf(n), syntheticTransform({ bad }), { workers: 0, batchSize, dropLast, concurrency: 3 }).epoch(
            0,
          ),
        );
        if (dropLast ? full === 0 : good.length === 0) {
          const error = await t.throwsAsync(read, { instanceOf: NoBatchError });
          t.deepEqual(
            error?.skipped.map((s) => s.path),
            badIndices.map(path),
          );
          return;
        }
        const epoch = await read;
        const sizes = epoch.paths.map((b) => b.length);
        t.deepEqual(sizes.slice(0, full), Array(full).fill(batchSize));
        t.is(sizes.length, dropLast ? full : Math.ceil(good.length / batchSize));
        t.deepEqual(epoch.paths.flat(), good.slice(0, dropLast ? full * batchSize : good.length).map(path));
        t.deepEqual(epoch.skipped.flat(), badIndices.map(path));
      },
    ),
    { numRuns: 60 },
  );
});
