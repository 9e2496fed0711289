import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const bin = fileURLToPath(new URL('../../bin/rxtrain.cjs', import.meta.url));
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  promisify(execFile)(process.execPath, [bin, ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );

test('bin/rxtrain.cjs --help prints the commands and exits 0', async (t) => {
  const { code, stdout } = await run(['--help']);
  t.is(code, 0);
  t.regex(stdout, /^usage: rxtrain <command> \[options\]/);
  for (const command of ['train', 'preview', 'demo', 'plot', 'info'])
    t.regex(stdout, new RegExp(`^  ${command} `, 'm'));
});

test("bin/rxtrain.cjs train --help lists the seed's options with their defaults", async (t) => {
  const { code, stdout } = await run(['train', '--help']);
  t.is(code, 0);
  t.regex(stdout, /--batch-size N .*default 128/);
  t.regex(stdout, /--lr X .*default 0\.001/);
});

test('bin/rxtrain.cjs exits 2 with the error on stderr for an unknown option', async (t) => {
  const { code, stdout, stderr } = await run(['train', '--data', 'd', '--lr2', '1']);
  t.is(code, 2);
  t.is(stdout, '');
  t.regex(stderr, /^rxtrain: unknown option --lr2/);
});

test('bin/rxtrain.cjs gives sharp one libuv thread per core plus one, unless UV_THREADPOOL_SIZE is set', async (t) => {
  const decoding = async (env: NodeJS.ProcessEnv) =>
    /^decoding: (\d+) libuv threads/m.exec((await run(['info'], env)).stdout)?.[1];
  const { UV_THREADPOOL_SIZE: _unset, ...inherited } = process.env;
  t.is(await decoding(inherited), String(availableParallelism() + 1));
  t.is(await decoding({ ...inherited, UV_THREADPOOL_SIZE: '2' }), '2');
});
