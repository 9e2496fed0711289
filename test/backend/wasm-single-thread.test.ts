import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, WASM_THREADS_ENV_VAR } from '../../src/backend/index.js';
import { canFuseSgdUpdate, sgdUpdateFused, sgdUpdateWithOps } from '../../src/train/sgd-update.js';
import { seededValues } from './agreement.js';

test.serial('RXTRAIN_WASM_THREADS=1 runs the single-threaded wasm build', async (t) => {
  const active = await initBackend({ backend: 'wasm', env: { [WASM_THREADS_ENV_VAR]: '1' } });
  t.is(tf.getBackend(), 'wasm');
  t.is(getThreadsCount(), 1);
  t.regex(active.reason, /SIMD, 1 thread\b/);
});

test.serial('the fused SGD update runs over the single-threaded build\'s memory and gives the tf-op path\'s bits', async (t) => {
  await initBackend({ backend: 'wasm', env: { [WASM_THREADS_ENV_VAR]: '1' } });
  const before = tf.memory().numTensors;
  const hyper = { lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 1e-2, nesterov: false };
  const shape = [3, 7];
  const p = tf.tensor(seededValues(1, 21), shape);
  t.true(canFuseSgdUpdate(p, p, undefined));
  const steps = (update: typeof sgdUpdateWithOps) => {
    const seen: number[][] = [];
    let parameter = p.clone();
    let buffer: tf.Tensor | undefined;
    for (let s = 0; s < 3; s += 1) {
      const g = tf.tensor(seededValues(10 + s, 21), shape);
      const [next, nextBuffer] = tf.tidy(() => update(parameter, g, buffer, hyper));
      tf.dispose([parameter, g, ...(buffer ? [buffer] : [])]);
      [parameter, buffer] = [next, nextBuffer];
      seen.push([...parameter.dataSync(), ...buffer!.dataSync()]);
    }
    tf.dispose([parameter, buffer!]);
    return seen;
  };
  t.deepEqual(steps(sgdUpdateFused), steps(sgdUpdateWithOps));
  p.dispose();
  t.is(tf.memory().numTensors, before);
});
