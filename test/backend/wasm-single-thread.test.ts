import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, WASM_THREADS_ENV_VAR } from '../../src/backend/index.js';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { canRunMaxPoolGradInWasm, maxPoolGradInJavaScript } from '../../src/backend/wasm-kernels/max-pool-grad.js';
import {
  canTransposeMatrixInWasm,
  transposeMatrix,
  transposeMatrixInJavaScript,
} from '../../src/backend/wasm-kernels/transpose-matrix.js';
import { canFuseSgdUpdate, sgdUpdateFused, sgdUpdateWithOps } from '../../src/train/optim/sgd-parameter-update.js';
import { seededValues } from './agreement.js';
import { transposedBits } from './transposed-bits.js';

test.serial('RXTRAIN_WASM_THREADS=1 runs the single-threaded wasm build', async (t) => {
  const active = await initBackend({ backend: 'wasm', env: { [WASM_THREADS_ENV_VAR]: '1' } });
  t.is(tf.getBackend(), 'wasm');
  t.is(getThreadsCount(), 1);
  t.regex(active.reason, /SIMD, 1 thread\b/);
});

test.serial(
  "the fused SGD update runs over the single-threaded build's memory and gives the tf-op path's bits",
  async (t) => {
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
  },
);

test.serial(
  "the WebAssembly transpose runs over the single-threaded build's memory and gives the JavaScript loop's bits",
  async (t) => {
    await initBackend({ backend: 'wasm', env: { [WASM_THREADS_ENV_VAR]: '1' } });
    t.true(canTransposeMatrixInWasm(tf.backend() as BackendWasm));
    const before = tf.memory().numTensors;
    for (const [rows, cols] of [
      [1, 1],
      [4, 4],
      [33, 70],
      [64, 5],
      [97, 131],
    ] as const) {
      const bits = new Uint32Array(seededValues(rows * cols, rows * cols).buffer);
      const wasm = transposedBits(transposeMatrix, bits, rows, cols);
      t.is(wasm.length, rows * cols);
      t.deepEqual(wasm, transposedBits(transposeMatrixInJavaScript, bits, rows, cols), `${rows}×${cols}`);
      t.is(wasm[rows * cols - 1], bits[rows * cols - 1]);
      t.is(wasm[(cols - 1) * rows], bits[cols - 1]);
    }
    t.is(tf.memory().numTensors, before);
  },
);

test.serial(
  "MaxPoolGrad runs as WebAssembly over the single-threaded build's memory and gives the JavaScript loop's bits",
  async (t) => {
    await initBackend({ backend: 'wasm', env: { [WASM_THREADS_ENV_VAR]: '1' } });
    const backend = tf.backend() as BackendWasm;
    t.true(canRunMaxPoolGradInWasm(backend));
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(
      seededValues(3, 2 * 11 * 11 * 7).map((v) => Math.round(v * 2)),
      [2, 11, 11, 7],
    );
    const dy = tf.tensor4d(seededValues(4, 2 * 5 * 5 * 7), [2, 5, 5, 7]);
    const attrs = { filterSize: 3, strides: 2, pad: 'valid' as const };
    const wasm = tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: dy }, attrs) as tf.Tensor;
    const js = tf
      .engine()
      .makeTensorFromTensorInfo(maxPoolGradInJavaScript({ inputs: { dy, input: x }, attrs, backend }));
    const [a, b] = [wasm, js].map((y) => new Uint32Array((y.dataSync() as Float32Array).slice().buffer));
    t.is(a!.length, 2 * 11 * 11 * 7);
    t.deepEqual(a, b);
    t.true((wasm.dataSync() as Float32Array).some((v) => v !== 0));
    tf.dispose([x, dy, wasm, js]);
    t.is(tf.memory().numTensors, before);
  },
);
