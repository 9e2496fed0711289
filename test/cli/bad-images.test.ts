import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import sharp from 'sharp';
import { EXIT } from '../../src/cli/index.js';
import { alexnet, saveTorchWeights } from '../../src/models/index.js';
import { tempFolder } from '../temp-folder.js';
import { cliRun } from './tiny-run.js';

/** A 2-class width ÷ 16 AlexNet `.pth`, and an ImageFolder of 2 good images per class and one undecodable `cat/bad.jpg`. */
async function setUp(t: Parameters<typeof tempFolder>[0]) {
  const dir = await tempFolder(t, 'bad-images');
  const weights = join(dir, 'tiny.pth');
  const model = alexnet({ widthDivisor: 16, numClasses: 2, seed: 5 });
  await saveTorchWeights(model, weights);
  model.dispose();
  await writeFile(join(dir, 'tiny.labels.txt'), 'cat\ndog\n');
  const data = join(dir, 'data');
  for (const [name, background] of [
    ['cat', '#2828c8'],
    ['dog', '#c82828'],
  ] as const) {
    await mkdir(join(data, name), { recursive: true });
    for (let i = 0; i < 2; i++)
      await sharp({ create: { width: 70, height: 70, channels: 3, background } })
        .png()
        .toFile(join(data, name, `${i}.png`));
  }
  const bad = join(data, 'cat', 'bad.jpg');
  await writeFile(bad, 'this is not a jpeg');
  return { weights, labels: join(dir, 'tiny.labels.txt'), data, bad };
}

const model = (f: { weights: string; labels: string }) => [
  '--weights',
  f.weights,
  '--labels',
  f.labels,
  '--image-size',
  '64',
  '--backend',
  'cpu',
];

test('predict --on-bad-image skip classifies the rest of the folder and names the skipped file on stderr; fail (the default) stops naming it', async (t) => {
  const f = await setUp(t);
  const skipped = await cliRun(['predict', f.data, ...model(f), '--on-bad-image', 'skip', '--json']);
  t.is(skipped.code, EXIT.ok, skipped.err);
  t.is(skipped.out.split('\n').length, 4);
  t.regex(skipped.err, new RegExp(`^rxtrain: skipped ${f.bad}: `, 'm'));
  const failed = await cliRun(['predict', f.data, ...model(f)]);
  t.is(failed.code, EXIT.failed);
  t.regex(failed.err, new RegExp(f.bad));
});

test('eval --on-bad-image skip evaluates the rest and counts the skipped file in its report and its JSON', async (t) => {
  const f = await setUp(t);
  const text = await cliRun(['eval', f.data, ...model(f), '--on-bad-image', 'skip']);
  t.is(text.code, EXIT.ok, text.err);
  t.regex(text.out, /, 4 images \(1 skipped: could not be decoded\)/);
  t.regex(text.out, new RegExp(`skipped ${f.bad}: `));
  const json = await cliRun(['eval', f.data, ...model(f), '--on-bad-image', 'skip', '--json']);
  const report = JSON.parse(json.out) as { images: number; skipped: Array<{ path: string }> };
  t.is(report.images, 4);
  t.deepEqual(
    report.skipped.map((s) => s.path),
    [f.bad],
  );
  t.is((await cliRun(['eval', f.data, ...model(f)])).code, EXIT.failed);
});

test('predict and eval --image-size below what AlexNet can take (8–62) exit 2 naming the flag', async (t) => {
  const f = await setUp(t);
  for (const size of ['8', '32', '62']) {
    for (const command of ['predict', 'eval']) {
      const result = await cliRun([
        command,
        join(f.data, 'dog'),
        '--weights',
        f.weights,
        '--image-size',
        size,
        '--backend',
        'cpu',
      ]);
      t.is(result.code, EXIT.usage, `${command} ${size}: ${result.out}`);
      t.regex(result.err, /--image-size/);
    }
  }
});
