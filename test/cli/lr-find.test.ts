import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import sharp from 'sharp';
import { EXIT, runCli } from '../../src/cli/index.js';
import { tempFolder } from '../temp-folder.js';
import { captureIo } from './io.js';

test('rxtrain lr-find on demo data writes the plot and the record, and prints the suggestion it names', async (t) => {
  const root = await tempFolder(t, 'lr-find');
  const data = join(root, 'data');
  t.is(await runCli(['demo', '--out', root, '--per-class', '6', '--data-only'], captureIo()), EXIT.ok);
  const io = captureIo();
  const out = join(root, 'find');
  const args = [
    'lr-find',
    '--data',
    data,
    '--init',
    'kaiming',
    '--width-divisor',
    '8',
    '--image-size',
    '64',
    '--batch-size',
    '2',
    '--num-iter',
    '6',
    '--end-lr',
    '1',
    '--backend',
    'cpu',
    '--out',
    out,
    '--optimizer',
    'adamw',
  ];
  t.is(await runCli(args, io), EXIT.ok, io.stderr.join('\n'));
  const record = JSON.parse(await readFile(join(out, 'lr-find.json'), 'utf8')) as {
    lrs: number[];
    suggestion: number;
    suggestedBy: string;
  };
  t.true(record.lrs.length >= 2 && record.lrs.length <= 6);
  t.is(record.suggestedBy, 'minimum/10');
  t.true(
    io.stdout.some((line) => line === `suggested lr (minimum ÷ 10): ${record.suggestion.toPrecision(3)}`),
    io.stdout.join('\n'),
  );
  const png = await sharp(join(out, 'lr-find.png')).metadata();
  t.true(png.format === 'png' && png.width > 500 && (await stat(join(out, 'lr-find.png'))).size > 5000);
});

test('rxtrain lr-find refuses a warm-up without a cosine schedule, naming the flag', async (t) => {
  const io = captureIo();
  t.is(await runCli(['lr-find', '--data', 'nowhere', '--warmup', '3'], io), EXIT.usage);
  t.regex(io.stderr.join('\n'), /option --warmup is '3'; expected 0 with --schedule step/);
});
