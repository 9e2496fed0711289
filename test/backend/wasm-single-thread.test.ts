import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, WASM_THREADS_ENV_VAR } from '../../src/backend/index.js';

test('RXTRAIN_WASM_THREADS=1 runs the single-threaded wasm build', async (t) => {
  const active = await initBackend({ backend: 'wasm', env: { [WASM_THREADS_ENV_VAR]: '1' } });
  t.is(tf.getBackend(), 'wasm');
  t.is(getThreadsCount(), 1);
  t.regex(active.reason, /SIMD, 1 thread\b/);
});
