import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const bin = fileURLToPath(new URL('../../bin/rxtrain.js', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [bin, ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

test('bin/rxtrain.js --help prints the commands and exits 0', async (t) => {
  const { code, stdout } = await run(['--help']);
  t.is(code, 0);
  t.regex(stdout, /^usage: rxtrain <command> \[options\]/);
  for (const command of ['train', 'preview', 'demo', 'plot', 'info']) t.regex(stdout, new RegExp(`^  ${command} `, 'm'));
});

test('bin/rxtrain.js train --help lists the seed\'s options with their defaults', async (t) => {
  const { code, stdout } = await run(['train', '--help']);
  t.is(code, 0);
  t.regex(stdout, /--batch-size N .*default 128/);
  t.regex(stdout, /--lr X .*default 0\.001/);
});

test('bin/rxtrain.js exits 2 with the error on stderr for an unknown option', async (t) => {
  const { code, stdout, stderr } = await run(['train', '--data', 'd', '--lr2', '1']);
  t.is(code, 2);
  t.is(stdout, '');
  t.regex(stderr, /^rxtrain: unknown option --lr2/);
});
