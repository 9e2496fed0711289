import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import sharp from 'sharp';
import { EXIT } from '../../src/cli/index.js';
import { parseFlags } from '../../src/cli/flags/parse-flags.js';
import { alexnet, saveTorchWeights } from '../../src/models/index.js';
import { tempFolder } from '../temp-folder.js';
import { cliRun, twoColourFolder } from './tiny-run.js';

async function tinyPth(dir: string): Promise<string> {
  const path = join(dir, 'tiny.pth');
  const model = alexnet({ widthDivisor: 16, numClasses: 2, seed: 5 });
  await saveTorchWeights(model, path);
  model.dispose();
  return path;
}

const png = () =>
  sharp({ create: { width: 70, height: 70, channels: 3, background: '#30a050' } })
    .png()
    .toBuffer();

test('eval on 2000 files named N.png (2000 classes) fails with a one-line message of bounded length', async (t) => {
  const dir = await tempFolder(t, 'many-classes');
  const data = join(dir, 'data');
  await mkdir(data);
  const image = await png();
  await Promise.all(Array.from({ length: 2000 }, (_, i) => writeFile(join(data, `${i}.png`), image)));
  const result = await cliRun([
    'eval',
    data,
    '--weights',
    await tinyPth(dir),
    '--image-size',
    '64',
    '--backend',
    'cpu',
  ]);
  t.is(result.code, EXIT.failed);
  t.true(result.err.length < 600, `${result.err.length} characters`);
  t.regex(result.err, /its 2000 classes \(0, 1, .*, … \(2000 in all\)\) are not the model's 2 classes/);
});

test('a labels file with duplicate names, or a 10 MB line, is refused naming the file and the line', async (t) => {
  const dir = await tempFolder(t, 'labels');
  const weights = await tinyPth(dir);
  const image = join(dir, 'a.png');
  await writeFile(image, await png());
  const duplicate = join(dir, 'duplicate.txt');
  await writeFile(duplicate, 'cat\ncat\n');
  const long = join(dir, 'long.txt');
  await writeFile(long, `cat\n${'d'.repeat(10 * 2 ** 20)}\n`);
  const run = (labels: string) =>
    cliRun(['predict', image, '--weights', weights, '--labels', labels, '--image-size', '64', '--backend', 'cpu']);
  const twice = await run(duplicate);
  t.is(twice.code, EXIT.failed);
  t.regex(twice.err, new RegExp(`^rxtrain: ${duplicate}: lines 1 and 2 both name "cat"`));
  const huge = await run(long);
  t.is(huge.code, EXIT.failed);
  t.regex(huge.err, new RegExp(`^rxtrain: ${long}: is \\d+ bytes, more than 2 class names`));
  t.true(huge.err.length < 400);
});

test('-- ends the options: a file named like an option is predicted; after --, even --help is a file', async (t) => {
  const dir = await tempFolder(t, 'double-dash');
  const weights = await tinyPth(dir);
  const odd = join(dir, '--odd.png');
  await writeFile(odd, await png());
  const parsed = parseFlags(
    ['--top', '1', '--', '--odd.png', '--help'],
    { top: { type: 'integer', description: '' } },
    { placeholder: 'IMAGE', min: 1 },
  );
  t.deepEqual(parsed.help ? undefined : parsed.positionals, ['--odd.png', '--help']);
  const result = await cliRun([
    'predict',
    '--weights',
    weights,
    '--image-size',
    '64',
    '--backend',
    'cpu',
    '--top',
    '1',
    '--',
    odd,
  ]);
  t.is(result.code, EXIT.ok, result.err);
  t.is(result.out.split('\n')[0], odd);
});

test('a file name holding a newline is printed as a JSON string, so it cannot forge an output line', async (t) => {
  const dir = await tempFolder(t, 'newline');
  const weights = await tinyPth(dir);
  const forged = join(dir, 'a\n  99.99%  0: cat.png');
  await writeFile(forged, await png());
  const result = await cliRun([
    'predict',
    forged,
    '--weights',
    weights,
    '--image-size',
    '64',
    '--backend',
    'cpu',
    '--top',
    '1',
  ]);
  t.is(result.code, EXIT.ok, result.err);
  t.deepEqual(result.out.split('\n').length, 2);
  t.is(result.out.split('\n')[0], JSON.stringify(forged));
});

test('preview on a folder of only bad files fails with one typed line naming the folder, without warning noise', async (t) => {
  const dir = await tempFolder(t, 'preview-bad');
  for (const name of ['cat.0.jpg', 'dog.0.jpg']) await writeFile(join(dir, name), 'not an image');
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const result = await cliRun(['preview', '--data', dir, '--out', join(dir, 'grid.png')]);
  await new Promise((resolve) => setImmediate(resolve));
  t.is(result.code, EXIT.failed);
  t.regex(
    result.err,
    new RegExp(`^rxtrain: ${dir}: none of its images could be decoded \\(.*(cat|dog)\\.0\\.jpg: not a JPEG`, 'm'),
  );
  t.false(warnings.includes('ImageSkippedWarning'));
  t.false(existsSync(join(dir, 'grid.png')));
});

test('SIGTERM ends a training run with status 143 and a message, releasing the run folder', async (t) => {
  const dir = await tempFolder(t, 'sigterm');
  const data = await twoColourFolder(join(dir, 'data'), 3);
  const out = join(dir, 'run');
  const bin = fileURLToPath(new URL('../../bin/rxtrain.cjs', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      bin,
      'train',
      '--data',
      data,
      '--out',
      out,
      '--num-classes',
      '2',
      '--width-divisor',
      '16',
      '--image-size',
      '64',
      '--batch-size',
      '1',
      '--epochs',
      '50',
      '--backend',
      'cpu',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.kill('SIGTERM');
  const { code, signal } = await ended;
  t.deepEqual([code, signal], [143, null], stderr);
  t.regex(stderr, /^rxtrain: terminated \(SIGTERM\): the run was stopped/m);
  t.false(existsSync(join(out, 'rxtrain.lock')));
});
