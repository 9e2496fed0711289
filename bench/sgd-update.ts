/**
 * `npm run bench:sgd [-- --repeats 5]`: one update of rxtrain's `sgd` (momentum 0.9) over full-width
 * AlexNet's parameters on wasm, with the fused kernel and with tf ops (the kernel unregistered),
 * alternating, and PyTorch's `opt.step()` for the same model in the same run. Momentum buffers
 * exist from the warm-up step on, as in training.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend/index.js';
import { SGD_UPDATE } from '../src/backend/wasm-kernels/sgd-update.js';
import { alexnet, parameterGroups } from '../src/models/index.js';
import { sgd } from '../src/train/index.js';
import { TORCH_ALEXNET } from './torch-alexnet.js';
import { load, median, numberOption, summary } from './timing.js';
import { runTorchScript } from './torch-python.js';

const CLASSES = 2;
const argv = process.argv.slice(2);
const repeats = numberOption(argv, '--repeats', 5);

const PYTORCH = `${TORCH_ALEXNET}
model = alexnet(${CLASSES})
opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
for p in model.parameters(): p.grad = torch.randn_like(p)
def timed():
    t = time.perf_counter(); opt.step(); return (time.perf_counter() - t) * 1000
timed()
print(json.dumps({"torch": torch.__version__, "ms": [timed() for _ in range(${repeats})]}))
`;

function pytorchStep(): { label: string; ms: number[] } | string {
  const r = runTorchScript<{ torch: string; ms: number[] }>(PYTORCH);
  return typeof r === 'string' ? r : { label: `PyTorch ${r.torch} opt.step() (2 threads)`, ms: r.ms };
}

const backend = await initBackend({ backend: 'wasm' });
const model = alexnet({ numClasses: CLASSES });
const optimizer = sgd({ lr: 1e-3, momentum: 0.9, groups: parameterGroups(model) });
const grads: tf.NamedTensorMap = Object.fromEntries(
  optimizer.trainableVariables().map((v) => [v.name, tf.randomNormal(v.shape, 0, 1e-3, 'float32', 1)]),
);
const parameters = Object.values(grads).reduce((n, g) => n + g.size, 0);
const kernel = tf.getKernel(SGD_UPDATE, 'wasm');
const timeStep = () => {
  const start = performance.now();
  optimizer.step(grads);
  return performance.now() - start;
};
const withOps = <T>(body: () => T): T => {
  tf.unregisterKernel(SGD_UPDATE, 'wasm');
  try {
    return body();
  } finally {
    tf.registerKernel(kernel);
  }
};

console.log(`wasm: ${backend.reason}`);
console.log(
  `rxtrain sgd (momentum 0.9) over AlexNet's ${Object.keys(grads).length} parameter tensors, ${(parameters / 1e6).toFixed(1)} M numbers; load average before: ${load()}`,
);
timeStep();
withOps(timeStep);
const fused: number[] = [];
const ops: number[] = [];
const tensors = tf.memory().numTensors;
for (let i = 0; i < repeats; i += 1) {
  ops.push(withOps(timeStep));
  fused.push(timeStep());
}
console.log(`tf ops: ${summary(ops)}; ${ops.map((m) => m.toFixed(0)).join(', ')}`);
console.log(`fused:  ${summary(fused)}; ${fused.map((m) => m.toFixed(0)).join(', ')}`);
console.log(
  `tf ops / fused: ${(median(ops) / median(fused)).toFixed(2)}; tensors before and after the timed steps: ${tensors}, ${tf.memory().numTensors}`,
);
tf.dispose(Object.values(grads));
optimizer.dispose();
model.dispose();
const reference = pytorchStep();
if (typeof reference === 'string') console.log(reference);
else {
  console.log(`${reference.label}: ${summary(reference.ms)}; ${reference.ms.map((m) => m.toFixed(0)).join(', ')}`);
  console.log(
    `fused / PyTorch: ${(median(fused) / median(reference.ms)).toFixed(2)}; tf ops / PyTorch: ${(median(ops) / median(reference.ms)).toFixed(2)}`,
  );
}
console.log(`load average after: ${load()}`);
