import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/** Twelve small JPEGs of varied sizes named as the Kaggle set, and one text file posing as a JPEG. */
export async function catDogFolder(dir: string): Promise<string> {
  for (let i = 0; i < 12; i++) {
    const pixels = Buffer.from(Array.from({ length: (40 - i) * 36 * 3 }, (_, k) => (k * (i + 3) + (k >> 5) * 7) % 256));
    const image = sharp(pixels, { raw: { width: 40 - i, height: 36, channels: 3 } }).resize(40 - i, 36 + i);
    writeFileSync(join(dir, `${i % 2 ? 'dog' : 'cat'}.${i}.jpg`), await image.jpeg().toBuffer());
  }
  writeFileSync(join(dir, 'cat.99.jpg'), 'not an image');
  return dir;
}
