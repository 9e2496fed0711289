import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import sharp from 'sharp';
import { demoFileNames, demoImage, ensureDemoData } from '../../src/cli/index.js';
import { demoConfig } from '../../src/cli/demo/demo-config.js';
import { seededRandom } from '../../src/data/random.js';
import { resolveConfig } from '../../src/train/stream/config.js';
import { tempFolder } from '../temp-folder.js';

test('a demo image depends only on its generator: the same seed gives the same pixels', (t) => {
  fc.assert(
    fc.property(fc.constantFrom(0 as const, 1 as const), fc.integer(), (label, seed) => {
      const a = demoImage(label, seededRandom(seed));
      const b = demoImage(label, seededRandom(seed));
      const c = demoImage(label, seededRandom(seed + 1));
      const sizeOk =
        a.width >= 96 &&
        a.width <= 160 &&
        a.height >= 80 &&
        a.height <= 134 &&
        a.data.length === a.width * a.height * 3;
      const differs = c.data.length !== a.data.length || c.data.some((v, i) => v !== a.data[i]);
      return sizeOk && Buffer.from(a.data).equals(Buffer.from(b.data)) && differs;
    }),
    { numRuns: 20 },
  );
  t.pass();
});

const warmth = async (path: string) => {
  const { data } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i += 3) sum += data[i]! - data[i + 2]!;
  return sum / (data.length / 3);
};

test('ensureDemoData writes a Kaggle folder whose names carry the labels the pixels show, once', async (t) => {
  const dir = join(await tempFolder(t, 'demo'), 'data');
  t.deepEqual(await ensureDemoData(dir, { perClass: 6 }), { written: 12 });
  t.deepEqual((await readdir(dir)).sort(), demoFileNames(6).sort());
  const mean = async (prefix: string) => {
    const values = await Promise.all(
      demoFileNames(6)
        .filter((f) => f.startsWith(prefix))
        .map((f) => warmth(join(dir, f))),
    );
    return values.reduce((a, b) => a + b, 0) / values.length;
  };
  t.true((await mean('cat.')) > (await mean('dog.')) + 10, 'cats (warm discs) are redder than dogs (cool bars)');
  t.deepEqual(await ensureDemoData(dir, { perClass: 6 }), { written: 0 });
});

test('the demo folder is byte-identical for the same seed', async (t) => {
  const folder = async () => join(await tempFolder(t, 'demo'), 'data');
  const [a, b] = await Promise.all([folder(), folder()]);
  await ensureDemoData(a, { perClass: 2, seed: 7 });
  await ensureDemoData(b, { perClass: 2, seed: 7 });
  for (const name of demoFileNames(2))
    t.true((await readFile(join(a, name))).equals(await readFile(join(b, name))), name);
});

test('the demo run is a configuration trainStream accepts, reading the demo folder', (t) => {
  const config = resolveConfig(demoConfig({ out: 'runs/demo', epochs: 3, backend: 'auto' }));
  t.is(config.data, join('runs/demo', 'data'));
  t.is(config.outDir, 'runs/demo');
});
