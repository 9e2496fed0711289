import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { availableParallelism } from 'node:os';
import {
  BACKEND_ENV_VAR,
  BackendUnavailableError,
  initBackend,
  InvalidBackendOptionError,
  isBackendChoice,
  WASM_THREADS_ENV_VAR,
} from '../../src/backend/index.js';
import { isInstalled } from '../../src/backend/loaders/import-optional.js';

const nativeInstalled = isInstalled('@tensorflow/tfjs-node') || isInstalled('@tensorflow/tfjs-node-gpu');

test.serial('auto runs the first backend that loads and says why each better one was skipped', async (t) => {
  const active = await initBackend({ backend: 'auto' });
  if (nativeInstalled) {
    t.true(active.name === 'tensorflow-gpu' || active.name === 'tensorflow');
    return;
  }
  t.is(active.name, 'wasm');
  t.is(tf.getBackend(), 'wasm');
  t.deepEqual(
    active.tried.map((s) => s.name),
    ['tensorflow-gpu', 'webgpu', 'tensorflow'],
  );
  for (const skipped of active.tried.filter((s) => s.name !== 'webgpu')) t.regex(skipped.reason, /not installed/);
  t.regex(active.reason, /tensorflow-gpu: package @tensorflow\/tfjs-node-gpu is not installed/);
  t.regex(active.reason, /SIMD/);
});

test.serial('an explicitly requested backend that cannot load is a typed error, not a fallback', async (t) => {
  t.plan(nativeInstalled ? 0 : 4);
  if (nativeInstalled) return;
  for (const backend of ['tensorflow', 'tensorflow-gpu'] as const) {
    const error = await t.throwsAsync(initBackend({ backend }), { instanceOf: BackendUnavailableError });
    t.is(error?.backend, backend);
  }
});

test.serial('RXTRAIN_BACKEND chooses the backend when the option is absent', async (t) => {
  const active = await initBackend({ env: { [BACKEND_ENV_VAR]: 'cpu' } });
  t.is(active.name, 'cpu');
  t.is(tf.getBackend(), 'cpu');
  t.regex(active.reason, /requested explicitly/);
});

test.serial('the backend option wins over RXTRAIN_BACKEND', async (t) => {
  const active = await initBackend({ backend: 'wasm', env: { [BACKEND_ENV_VAR]: 'cpu' } });
  t.is(active.name, 'wasm');
  t.is(tf.getBackend(), 'wasm');
});

test.serial('an empty environment means auto', async (t) => {
  const auto = await initBackend({ backend: 'auto' });
  t.is(await initBackend({ env: {} }), auto);
});

test.serial('calling twice returns the same selection and re-activates it', async (t) => {
  const first = await initBackend({ backend: 'wasm' });
  await tf.setBackend('cpu');
  const second = await initBackend({ backend: 'wasm' });
  t.is(second, first);
  t.is(tf.getBackend(), 'wasm');
});

test('a value that names no backend is a typed error naming where it came from', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(
      fc.string({ minLength: 1 }).filter((s) => !isBackendChoice(s)),
      async (value) => {
        const fromEnv = await initBackend({ env: { [BACKEND_ENV_VAR]: value } }).catch((e: unknown) => e);
        const fromOption = await initBackend({ backend: value as 'auto' }).catch((e: unknown) => e);
        return (
          fromEnv instanceof InvalidBackendOptionError &&
          fromEnv.message.includes(BACKEND_ENV_VAR) &&
          fromOption instanceof InvalidBackendOptionError &&
          fromOption.message.includes('backend')
        );
      },
    ),
    { numRuns: 50 },
  );
  await t.notThrowsAsync(law);
});

test.serial('wasm runs XNNPACK on one thread per available CPU, at most 8', async (t) => {
  const active = await initBackend({ backend: 'wasm' });
  const expected = Math.min(availableParallelism(), 8);
  t.is(getThreadsCount(), expected);
  t.regex(active.reason, new RegExp(`SIMD, ${expected} threads?`));
});

test('a thread count that is not a whole number of at least 1 is a typed error', async (t) => {
  const law = fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.integer({ max: 0 }), fc.double({ noInteger: true }), fc.constantFrom(Number.NaN)),
      async (threads) => {
        const fromOption = await initBackend({ backend: 'wasm', wasmThreads: threads }).catch((e: unknown) => e);
        const fromEnv = await initBackend({ backend: 'wasm', env: { [WASM_THREADS_ENV_VAR]: String(threads) } }).catch(
          (e: unknown) => e,
        );
        return (
          fromOption instanceof InvalidBackendOptionError &&
          fromEnv instanceof InvalidBackendOptionError &&
          fromEnv.message.includes(WASM_THREADS_ENV_VAR)
        );
      },
    ),
    { numRuns: 30 },
  );
  await t.notThrowsAsync(law);
});
