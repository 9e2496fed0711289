import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import sharp from 'sharp';
import { ImageDecodeError } from '../../src/data/errors.js';
import { loadImage } from '../../src/data/decode/index.js';
import { tempFolder } from '../temp-folder.js';

const svg =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="green"/></svg>';

for (const name of ['leaf.jpg', 'leaf.png', 'leaf.webp']) {
  test(`SVG content in ${name} is refused as a bad image, as Pillow refuses it`, async (t) => {
    const path = join(await tempFolder(t, 'svg'), name);
    await writeFile(path, svg);
    const error = await t.throwsAsync(loadImage(path), { instanceOf: ImageDecodeError });
    t.is(error?.path, path);
    t.regex(error?.reason ?? '', /^not a JPEG, PNG, GIF, WebP or TIFF image: SVG \(vector\) content/);
  });
}

test('JPEG, PNG, GIF, WebP and TIFF still decode, whatever their extension says', async (t) => {
  const dir = await tempFolder(t, 'raster');
  const base = sharp({ create: { width: 9, height: 7, channels: 3, background: '#40a060' } });
  for (const format of ['jpeg', 'png', 'gif', 'webp', 'tiff'] as const) {
    const path = join(dir, `${format}.jpg`);
    await writeFile(path, await base.clone().toFormat(format).toBuffer());
    const image = await loadImage(path);
    t.deepEqual([image.width, image.height], [9, 7], format);
  }
});
