/**
 * `npm run bench:max-pool-grad [-- --batch 16 --repeats 5]`: the gradient of full-width AlexNet's
 * three 3×3, stride-2 max poolings (features.2, .5, .12 at 224 px) on wasm, as the WebAssembly
 * module and as the JavaScript loop, alternating; the forward pooling for scale; PyTorch's
 * backward of `max_pool2d` for the same shapes in the same run.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../src/backend/index.js';
import { canRunMaxPoolGradInWasm, maxPoolGradInJavaScript } from '../src/backend/wasm-kernels/max-pool-grad.js';
import { load, median, numberOption, summary } from './timing.js';
import { runTorchScript } from './torch-python.js';

const argv = process.argv.slice(2);
const repeats = numberOption(argv, '--repeats', 5);
const batch = numberOption(argv, '--batch', 16);
const LAYERS = [
  ['features.2', 55, 64],
  ['features.5', 27, 192],
  ['features.12', 13, 256],
] as const;

const PYTORCH = `import json, time, torch
torch.set_num_threads(2)
out = {"torch": torch.__version__}
for name, side, channels in ${JSON.stringify(LAYERS)}:
    x = torch.randn(${batch}, channels, side, side, requires_grad=True)
    y = torch.nn.functional.max_pool2d(x, 3, 2)
    g = torch.randn_like(y)
    torch.autograd.grad(y, x, g, retain_graph=True)
    ms = []
    for _ in range(${repeats}):
        t = time.perf_counter(); torch.autograd.grad(y, x, g, retain_graph=True); ms.append((time.perf_counter() - t) * 1000)
    out[name] = ms
print(json.dumps(out))
`;

const active = await initBackend({ backend: 'wasm' });
const backend = tf.backend() as BackendWasm;
console.log(`wasm: ${active.reason}; the module instantiated over its memory: ${canRunMaxPoolGradInWasm(backend)}`);
console.log(`batch ${batch}, ${repeats} repeats; load average before: ${load()}`);
const attrs = { filterSize: 3, strides: 2, pad: 'valid' as const };
const timed = (body: () => tf.Tensor) => {
  const start = performance.now();
  const out = body();
  const ms = performance.now() - start;
  out.dispose();
  return ms;
};
const tensors = tf.memory().numTensors;
for (const [name, side, channels] of LAYERS) {
  const x = tf.randomUniform([batch, side, side, channels], -1, 1, 'float32', 1) as tf.Tensor4D;
  const y = tf.maxPool(x, 3, 2, 'valid');
  const dy = tf.randomUniform(y.shape, -1, 1, 'float32', 2);
  const routes: [string, () => tf.Tensor][] = [
    ['WebAssembly module', () => tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, attrs) as tf.Tensor],
    [
      'JavaScript loop',
      () => tf.engine().makeTensorFromTensorInfo(maxPoolGradInJavaScript({ inputs: { dy, input: x }, attrs, backend })),
    ],
    ['forward pooling', () => tf.maxPool(x, 3, 2, 'valid')],
  ];
  for (const [, body] of routes) timed(body);
  const ms = routes.map((): number[] => []);
  for (let i = 0; i < repeats; i += 1) routes.forEach(([, body], r) => ms[r]!.push(timed(body)));
  tf.dispose([x, y, dy]);
  console.log(`${name}: x [${batch}, ${side}, ${side}, ${channels}]`);
  routes.forEach(([route], r) =>
    console.log(`  ${route.padEnd(20)} ${summary(ms[r]!, 1)}; ${ms[r]!.map((m) => m.toFixed(1)).join(', ')}`),
  );
  console.log(`  JavaScript / WebAssembly: ${(median(ms[1]!) / median(ms[0]!)).toFixed(2)}`);
}
console.log(`tensors before and after: ${tensors}, ${tf.memory().numTensors}`);
const reference = runTorchScript<Record<string, number[] | string>>(PYTORCH);
if (typeof reference === 'string') console.log(reference);
else
  for (const [name] of LAYERS)
    console.log(
      `PyTorch ${reference.torch as string} max_pool2d backward, ${name} (2 threads): ${summary(reference[name] as number[], 1)}`,
    );
console.log(`load average after: ${load()}`);
