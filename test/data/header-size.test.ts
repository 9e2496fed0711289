import test from 'ava';
import fc from 'fast-check';
import sharp from 'sharp';
import { headerSize } from '../../src/data/decode/header-size.js';

const encoded = fc.record({
  width: fc.integer({ min: 1, max: 300 }),
  height: fc.integer({ min: 1, max: 300 }),
  format: fc.constantFrom('png', 'jpeg', 'progressive-jpeg', 'exif-jpeg'),
});

test('headerSize reads the width and height sharp decodes, from PNG and (progressive, EXIF-tagged) JPEG headers', async (t) => {
  await fc.assert(
    fc.asyncProperty(encoded, async ({ width, height, format }) => {
      let image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 10, b: 90 } } });
      image = format === 'png' ? image.png() : image.jpeg({ progressive: format === 'progressive-jpeg' });
      if (format === 'exif-jpeg') image = image.withExif({ IFD0: { Copyright: 'x'.repeat(300) } });
      const bytes = await image.toBuffer();
      const { info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      const size = headerSize(bytes);
      return size?.width === info.width && size.height === info.height;
    }),
    { numRuns: 40 },
  );
  t.pass();
});

test('headerSize gives undefined for bytes that are neither PNG nor JPEG, or cut before the frame header', async (t) => {
  const jpeg = await sharp({ create: { width: 5, height: 4, channels: 3, background: 'white' } })
    .jpeg()
    .toBuffer();
  t.is(headerSize(new TextEncoder().encode('this is not an image')), undefined);
  t.is(headerSize(new Uint8Array(0)), undefined);
  t.is(headerSize(jpeg.subarray(0, 20)), undefined);
  t.deepEqual(headerSize(jpeg), { width: 5, height: 4 });
});
