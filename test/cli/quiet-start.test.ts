import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { isSoftwareAdapter } from '../../src/backend/loaders/webgpu-adapter.js';
import { probeWebgpuAdapter } from '../../src/backend/loaders/webgpu-probe.js';

const bin = fileURLToPath(new URL('../../bin/rxtrain.cjs', import.meta.url));
const DAWN_WARNING = /^Warning: maxDynamic\w+PerPipelineLayout artificially reduced/m;
/** `auto` as a user gets it: no backend or verbosity from the test's environment. */
const env = { ...process.env, RXTRAIN_BACKEND: '', RXTRAIN_VERBOSE: '' };
const rxtrain = (args: readonly string[]) =>
  promisify(execFile)(process.execPath, [bin, ...args], { env, timeout: 300_000 });

const probed = await probeWebgpuAdapter();
const lavapipe = typeof probed === 'object' && isSoftwareAdapter(probed) && /llvmpipe/.test(probed.description);
const lavapipeTest = lavapipe ? test : test.skip;

test('demo prints no Dawn warning, and the backend it trains on as its first line of training', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'rxtrain-quiet-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const { stdout, stderr } = await rxtrain([
    'demo',
    '--out',
    join(dir, 'run'),
    '--per-class',
    '4',
    '--epochs',
    '1',
    '--max-iterations',
    '1',
  ]);
  t.notRegex(stderr, DAWN_WARNING);
  const lines = stdout.split('\n');
  t.regex(lines[0] ?? '', /^demo data: wrote 8 images/);
  t.regex(lines[1] ?? '', /^backend: (tensorflow-gpu|webgpu|tensorflow|wasm|cpu) \(auto chose the first that runs of /);
});

lavapipeTest(
  `on lavapipe, whose limits Dawn warns about, info and --verbose show the warnings${lavapipe ? '' : ' (skipped: the adapter here is not lavapipe)'}`,
  async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'rxtrain-verbose-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    t.regex((await rxtrain(['info'])).stderr, DAWN_WARNING);
    const verbose = await rxtrain([
      'demo',
      '--verbose',
      '--out',
      join(dir, 'run'),
      '--per-class',
      '4',
      '--epochs',
      '1',
      '--max-iterations',
      '1',
    ]);
    t.regex(verbose.stderr, DAWN_WARNING);
  },
);
