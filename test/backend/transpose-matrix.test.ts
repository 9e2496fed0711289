import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { initBackend } from '../../src/backend/index.js';
import {
  canTransposeMatrixInWasm,
  transposeMatrix,
  transposeMatrixInJavaScript,
} from '../../src/backend/wasm-kernels/transpose-matrix.js';
import { transposedBits } from './transposed-bits.js';

const NUM_RUNS = 60;

test.before(async () => {
  await initBackend({ backend: 'wasm' });
});

/** Shapes across one to three tiles (32 for the JavaScript loop, 128 for the module), most of them not multiples of the tile or of 4. */
const side = fc.integer({ min: 1, max: 300 });

/** Any 32-bit patterns: NaNs with their payloads, −0, infinities, subnormals. */
const matrixBits = fc
  .tuple(side, side)
  .chain(([rows, cols]) =>
    fc.tuple(fc.constant(rows), fc.constant(cols), fc.uint32Array({ minLength: rows * cols, maxLength: rows * cols })),
  );

const expectedTranspose = (bits: Uint32Array, rows: number, cols: number) => {
  const out = new Uint32Array(rows * cols);
  for (let r = 0; r < rows; r += 1) for (let c = 0; c < cols; c += 1) out[c * rows + r] = bits[r * cols + c]!;
  return out;
};

const alive = () => tf.memory().numTensors + tf.engine().backend.numDataIds();

test.serial("the transpose runs as WebAssembly over the multithreaded build's memory", (t) => {
  t.true(canTransposeMatrixInWasm(tf.backend() as BackendWasm));
});

test.serial('the WebAssembly transpose moves every element to its transposed place with all its bits', (t) => {
  const before = alive();
  t.notThrows(() =>
    fc.assert(
      fc.property(matrixBits, ([rows, cols, bits]) => {
        const expected = expectedTranspose(bits, rows, cols);
        const out = transposedBits(transposeMatrix, bits, rows, cols);
        return out.length === expected.length && out.every((word, i) => word === expected[i]);
      }),
      { numRuns: NUM_RUNS },
    ),
  );
  t.is(alive(), before);
});

test.serial("the JavaScript fallback gives the WebAssembly transpose's bits", (t) => {
  const before = alive();
  t.notThrows(() =>
    fc.assert(
      fc.property(matrixBits, ([rows, cols, bits]) => {
        const js = transposedBits(transposeMatrixInJavaScript, bits, rows, cols);
        const wasm = transposedBits(transposeMatrix, bits, rows, cols);
        return js.length === rows * cols && js.every((word, i) => word === wasm[i]);
      }),
      { numRuns: NUM_RUNS },
    ),
  );
  t.is(alive(), before);
});

test.serial("the WebAssembly transpose gives cpu's tf.transpose bit for bit", async (t) => {
  const numbers = fc
    .tuple(side, side)
    .chain(([rows, cols]) =>
      fc.tuple(
        fc.constant(rows),
        fc.constant(cols),
        fc.float32Array({ minLength: rows * cols, maxLength: rows * cols, noNaN: true }),
      ),
    );
  const law = fc.assert(
    fc.asyncProperty(numbers, async ([rows, cols, values]) => {
      await tf.setBackend('wasm');
      const before = alive();
      const wasm = transposedBits(transposeMatrix, new Uint32Array(values.buffer), rows, cols);
      const leaked = alive() - before;
      await tf.setBackend('cpu');
      const x = tf.tensor2d(values, [rows, cols]);
      const y = tf.transpose(x);
      const cpu = new Uint32Array((y.dataSync() as Float32Array).slice().buffer);
      tf.dispose([x, y]);
      await tf.setBackend('wasm');
      return leaked === 0 && cpu.length === wasm.length && cpu.every((word, i) => word === wasm[i]);
    }),
    { numRuns: NUM_RUNS },
  );
  await t.notThrowsAsync(law);
});
