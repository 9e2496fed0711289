/**
 * `npm run bench:transpose [-- --repeats 5]`: transposes of AlexNet's two large dense weight
 * matrices (9216×4096, 4096×4096) on wasm, as `_FusedMatMul` copies them at every training step:
 * the WebAssembly module, the JavaScript loop, and the backend's own `Transpose` kernel,
 * alternating; PyTorch's `w.t().contiguous()` of the same shapes in the same run.
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../src/backend/index.js';
import { type WasmKernelScope, withKernelScope } from '../src/backend/wasm-kernels/kernel-scope.js';
import {
  canTransposeMatrixInWasm,
  transposeMatrix,
  transposeMatrixInJavaScript,
} from '../src/backend/wasm-kernels/transpose-matrix.js';
import { load, median, numberOption, summary } from './timing.js';
import { runTorchScript } from './torch-python.js';

const SHAPES = [
  [9216, 4096],
  [4096, 4096],
] as const;
const argv = process.argv.slice(2);
const repeats = numberOption(argv, '--repeats', 5);

const PYTORCH = `import json, time, torch
torch.set_num_threads(2)
out = {"torch": torch.__version__}
for rows, cols in ${JSON.stringify(SHAPES)}:
    w = torch.randn(rows, cols)
    w.t().contiguous()
    ms = []
    for _ in range(${repeats}):
        t = time.perf_counter(); w.t().contiguous(); ms.append((time.perf_counter() - t) * 1000)
    out[f"{rows}x{cols}"] = ms
print(json.dumps(out))
`;

type Transpose = (scope: WasmKernelScope, matrix: TensorInfo, rows: number, cols: number) => TensorInfo;
const backendTranspose: Transpose = (scope, matrix) => scope.run('Transpose', { x: matrix }, { perm: [1, 0] });
const routes: [string, Transpose][] = [
  ['WebAssembly module', transposeMatrix],
  ['JavaScript loop', transposeMatrixInJavaScript],
  ["backend's Transpose", backendTranspose],
];

const active = await initBackend({ backend: 'wasm' });
const backend = tf.backend() as BackendWasm;
console.log(`wasm: ${active.reason}; the module instantiated over its memory: ${canTransposeMatrixInWasm(backend)}`);
console.log(`load average before: ${load()}`);
const timed = (transpose: Transpose, matrix: tf.Tensor, rows: number, cols: number) => {
  const start = performance.now();
  const out = withKernelScope(backend, (scope) => transpose(scope, matrix, rows, cols));
  const ms = performance.now() - start;
  backend.disposeData(out.dataId);
  return ms;
};
const tensors = tf.memory().numTensors;
const buffers = backend.numDataIds();
for (const [rows, cols] of SHAPES) {
  const matrix = tf.randomUniform([rows, cols], -1, 1, 'float32', 1);
  for (const [, transpose] of routes) timed(transpose, matrix, rows, cols);
  const ms = routes.map((): number[] => []);
  for (let i = 0; i < repeats; i += 1)
    routes.forEach(([, transpose], r) => ms[r]!.push(timed(transpose, matrix, rows, cols)));
  matrix.dispose();
  console.log(`${rows}×${cols} (${((rows * cols) / 1e6).toFixed(1)} M floats), ${repeats} repeats:`);
  routes.forEach(([name], r) => {
    const perFloat = (median(ms[r]!) * 1e6) / (rows * cols);
    console.log(
      `  ${name.padEnd(20)} ${summary(ms[r]!, 1)}, ${perFloat.toFixed(2)} ns/float; ${ms[r]!.map((m) => m.toFixed(0)).join(', ')}`,
    );
  });
}
console.log(
  `tensors and buffers before and after: ${tensors}/${buffers}, ${tf.memory().numTensors}/${backend.numDataIds()}`,
);
const reference = runTorchScript<Record<string, number[] | string>>(PYTORCH);
if (typeof reference === 'string') console.log(reference);
else {
  for (const [rows, cols] of SHAPES) {
    const ms = reference[`${rows}x${cols}`] as number[];
    console.log(
      `PyTorch ${reference.torch as string} w.t().contiguous() ${rows}×${cols} (2 threads): ${summary(ms, 1)}`,
    );
  }
}
console.log(`load average after: ${load()}`);
