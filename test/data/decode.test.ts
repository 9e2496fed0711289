import test, { type ExecutionContext } from 'ava';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { decodeImage, fromFiles, ImageDecodeError, loadImage, type Skipped } from '../../src/data/index.js';
import { fixturePath } from './fixtures.js';
import { tempFolder } from '../temp-folder.js';

const badFiles = async (t: ExecutionContext) => {
  const dir = await tempFolder(t, 'decode');
  await writeFile(join(dir, 'text.jpg'), 'this is not a JPEG');
  await writeFile(join(dir, 'empty.jpg'), '');
  return [fixturePath('images/truncated.jpg'), join(dir, 'text.jpg'), join(dir, 'empty.jpg')];
};

test('truncated, text and zero-byte files are ImageDecodeErrors with path and reason', async (t) => {
  for (const path of await badFiles(t)) {
    const error = await t.throwsAsync(loadImage(path), { instanceOf: ImageDecodeError });
    t.is(error.path, path);
    t.true(error.reason.length > 0);
  }
});

test('an image over the pixel limit is refused, also when resized while decoding', async (t) => {
  for (const resize of [undefined, 16]) {
    const error = await t.throwsAsync(loadImage(fixturePath('images/chelsea.png'), { maxPixels: 1000, resize }), {
      instanceOf: ImageDecodeError,
    });
    t.regex(error.reason, /maxPixels/);
  }
});

test('decodeImage skips bad files with a notice and keeps input order', async (t) => {
  const bad = await badFiles(t);
  const good = ['chelsea.png', 'green_palette.png', 'horse.png'].map((n) => fixturePath(`images/${n}`));
  const paths = [good[0]!, bad[0]!, good[1]!, bad[1]!, bad[2]!, good[2]!];
  const skipped: Skipped[] = [];
  const samples = await lastValueFrom(
    fromFiles(paths.map((path) => ({ path, label: 0 }))).pipe(
      decodeImage({ onSkipped: (s) => skipped.push(s), concurrency: 3 }),
      toArray(),
    ),
  );
  t.deepEqual(
    samples.map((s) => s.path),
    good,
  );
  t.deepEqual(
    samples.map((s) => s.index),
    [0, 2, 5],
  );
  t.deepEqual(
    skipped.map((s) => s.path),
    bad,
  );
});

test("decodeImage with onBadImage: 'fail' errors the stream", async (t) => {
  const [truncated] = await badFiles(t);
  await t.throwsAsync(
    firstValueFrom(fromFiles([{ path: truncated!, label: 0 }]).pipe(decodeImage({ onBadImage: 'fail' }))),
    { instanceOf: ImageDecodeError },
  );
});
