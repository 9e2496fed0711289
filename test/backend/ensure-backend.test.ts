import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const child = fileURLToPath(new URL('ensure-backend.child.ts', import.meta.url));
const run = async (...args: string[]) => {
  const { RXTRAIN_BACKEND: _unset, ...env } = process.env;
  return promisify(execFile)(process.execPath, ['--import=tsx', child, ...args], { env });
};

test('fit in a fresh process chooses the backend initBackend() would, once; a model built before runs on the CPU quietly', async (t) => {
  const { stdout, stderr } = await run();
  const [before, after, auto] = stdout.trim().split(' ');
  t.is(before, 'cpu');
  t.is(after, auto);
  t.not(auto, 'cpu', 'auto finds a faster backend than pure JavaScript (wasm at least)');
  t.notRegex(stderr, /install our node backend/);
});

test('after initBackend({ backend: "cpu" }), fit keeps the CPU', async (t) => {
  const { stdout, stderr } = await run('cpu');
  t.is(stdout.trim().split(' ').slice(0, 2).join(' '), 'cpu cpu');
  t.notRegex(stderr, /install our node backend/);
});
