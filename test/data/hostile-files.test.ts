import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import sharp from 'sharp';
import { ImageDecodeError, loadImage, TransformError } from '../../src/data/index.js';
import { resize } from '../../src/data/functional/resize.js';
import { readImageFile, readImageFileSync } from '../../src/data/decode/read-image-file.js';

const fixtures = fileURLToPath(new URL('../fixtures/pillow-modes/', import.meta.url));
const references: { images: Record<string, { mode: string; width: number; height: number; rgb: string }> } = JSON.parse(
  readFileSync(join(fixtures, 'references.json'), 'utf8'),
);

const tempDir = async (t: { teardown(fn: () => Promise<void>): void }) => {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-hostile-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

for (const [name, reference] of Object.entries(references.images)) {
  test(`${name} (Pillow mode ${reference.mode}) decodes to exactly Pillow's convert('RGB')`, async (t) => {
    const image = await loadImage(join(fixtures, name));
    t.deepEqual([image.width, image.height], [reference.width, reference.height]);
    t.deepEqual([...image.data], [...readFileSync(join(fixtures, reference.rgb))]);
  });
}

test("16-bit and CMYK files resized while decoding are Pillow's pixels resized", async (t) => {
  for (const name of ['grey16.png', 'cmyk.jpg']) {
    const reference = references.images[name]!;
    const raw = { width: reference.width, height: reference.height, channels: 3 as const };
    const expected = await sharp(readFileSync(join(fixtures, reference.rgb)), { raw })
      .resize({ width: 8, height: 8, fit: 'fill', kernel: 'linear', fastShrinkOnLoad: false })
      .raw()
      .toBuffer();
    const image = await loadImage(join(fixtures, name), { resize: [8, 8] });
    t.deepEqual([...image.data], [...expected], name);
  }
});

test('a resize bomb (130000x1, resized to a shorter side of 73) is refused before resizing, naming the output size', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'wide.png');
  await sharp({ create: { width: 130_000, height: 1, channels: 3, background: '#808080' } })
    .png()
    .toFile(path);
  const error = await t.throwsAsync(loadImage(path, { resize: 73 }), { instanceOf: ImageDecodeError });
  t.regex(error.reason, /gives 9490000x73, more than 89478485 pixels/);
  const wide = await loadImage(path);
  t.throws(() => resize(wide, 73), { instanceOf: TransformError, message: /at most 89478485 pixels/ });
});

test('a symlink to a FIFO named .jpg is refused at once, not waited on', async (t) => {
  const dir = await tempDir(t);
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  await symlink(fifo, join(dir, 'cat.1.jpg'));
  const started = performance.now();
  const error = await t.throwsAsync(loadImage(join(dir, 'cat.1.jpg'), { resize: 32 }), {
    instanceOf: ImageDecodeError,
  });
  t.regex(error.reason, /FIFO.*expected a regular file/);
  const plain = await t.throwsAsync(loadImage(fifo), { instanceOf: ImageDecodeError });
  t.regex(plain.reason, /FIFO/);
  const sync = t.throws(() => readImageFileSync(join(dir, 'cat.1.jpg')), { instanceOf: ImageDecodeError });
  t.regex(
    sync.reason,
    /FIFO.*expected a regular file/,
    'the synchronous read of the loader workers refuses it the same way',
  );
  t.true(performance.now() - started < 2000);
});

test("the loader workers' synchronous read gives the bytes of the asynchronous one, and the same errors", async (t) => {
  const dir = await tempDir(t);
  for (const name of ['cmyk.jpg', 'rgb16.png'])
    t.deepEqual(readImageFileSync(join(fixtures, name)), await readImageFile(join(fixtures, name)));
  await writeFile(join(dir, 'empty.jpg'), '');
  t.is(readImageFileSync(join(dir, 'empty.jpg')).length, 0);
  const missing = t.throws(() => readImageFileSync(join(dir, 'none.jpg')), { instanceOf: ImageDecodeError });
  const missingAsync = await t.throwsAsync(readImageFile(join(dir, 'none.jpg')), { instanceOf: ImageDecodeError });
  t.is(missing.reason, missingAsync.reason);
  t.regex(
    t.throws(() => readImageFileSync(dir), { instanceOf: ImageDecodeError }).reason,
    /directory, expected a regular file/,
  );
});

test('a directory named .png is refused as not a regular file', async (t) => {
  const dir = await tempDir(t);
  execFileSync('mkdir', [join(dir, 'x.png')]);
  const error = await t.throwsAsync(loadImage(join(dir, 'x.png')), { instanceOf: ImageDecodeError });
  t.regex(error.reason, /a directory, expected a regular file/);
});

test('truncated JPEGs decoded at once each get a decoder reason, said once: never "Unknown error"', async (t) => {
  const dir = await tempDir(t);
  const noise = Buffer.from(Array.from({ length: 375 * 500 * 3 }, (_, i) => (i * 7919) % 251));
  const jpeg = await sharp(noise, { raw: { width: 500, height: 375, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const paths = await Promise.all(
    Array.from({ length: 24 }, async (_, i) => {
      const path = join(dir, `cat.${i}.jpg`);
      await writeFile(path, jpeg.subarray(0, Math.floor(jpeg.length * (0.3 + (i % 6) * 0.1))));
      return path;
    }),
  );
  const reasons = await Promise.all(
    paths.map((path) =>
      loadImage(path, { resize: 256 }).then(
        () => 'decoded',
        (error: ImageDecodeError) => error.reason,
      ),
    ),
  );
  for (const reason of reasons) {
    t.regex(reason, /premature end of JPEG/i);
    t.notRegex(reason, /unknown error/i);
    t.is(reason.split('premature end').length, 2, reason);
  }
});

test('an empty file says so', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'empty.jpg'), '');
  const error = await t.throwsAsync(loadImage(join(dir, 'empty.jpg')), { instanceOf: ImageDecodeError });
  t.is(error.reason, 'empty file (0 bytes)');
});
