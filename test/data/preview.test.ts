import test from 'ava';
import sharp from 'sharp';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runPreview } from '../../src/cli/run-preview.js';
import { fixturePath } from './fixtures.js';
import { tempFolder } from '../temp-folder.js';

test('runPreview writes a PNG grid of 224-pixel training samples', async (t) => {
  const dir = await tempFolder(t, 'preview');
  const images = ['chelsea.png', 'horse.png', 'green_palette.png', 'rocket.jpg', 'camera.png'];
  await Promise.all(
    images.map((name, i) =>
      copyFile(fixturePath(`images/${name}`), join(dir, `${i % 2 ? 'dog' : 'cat'}.${i}.${name.split('.')[1]}`)),
    ),
  );
  const out = join(dir, 'grid.png');
  const { count } = await runPreview({ data: dir, out, count: 4 });
  t.is(count, 4);
  const meta = await sharp(out).metadata();
  t.deepEqual([meta.format, meta.width, meta.height], ['png', 2 * 224 + 4, 2 * 224 + 4]);
});
