/**
 * Milliseconds per image for one full-width AlexNet training step (224×224, forward + gradients +
 * rxtrain's SGD with momentum) on the wasm backend (batch 16) and the cpu backend (one image), and, when
 * Debian's python3-torch is installed, the same step in PyTorch on 2 threads.
 *
 *   npm run bench:backend     # RXTRAIN_BENCH_STEPS=5: more wasm steps; RXTRAIN_WASM_THREADS=1: one thread
 *   npm run bench:backend -- --profile [--batches 16,64] [--steps 3]   # per-layer, per-kernel profile (bench/backend-profile.ts)
 *   npm run bench:backend -- --model resnet18|resnet50|mobilenet_v2 [--backend wasm] [--batch 16] [--image 224] [--steps 3]
 *       # a torchvision family's step beside torchvision's (bench/backend-model.ts)
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, type BackendChoice } from '../src/backend/index.js';
import { alexnet, parameterGroups } from '../src/models/index.js';
import { sgd } from '../src/train/index.js';
import { profileBackend } from './backend-profile.js';
import { TORCH_ALEXNET } from './torch-alexnet.js';
import { runTorchScript, torchLabel } from './torch-python.js';
import { reportLoad } from './timing.js';

const IMAGE = 224;
const CLASSES = 2;
const WASM_BATCH = 16;
const CPU_BATCH = 1;
const WASM_STEPS = Number(process.env.RXTRAIN_BENCH_STEPS ?? 3);

interface Timing {
  readonly label: string;
  readonly batch: number;
  readonly stepsMs: number[];
  readonly tensorsAfterEachStep?: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const msPerImage = (t: Timing) => median(t.stepsMs) / t.batch;

async function timeTraining(label: string, batch: number, steps: number, warmUp: number): Promise<Timing> {
  const model = alexnet({ numClasses: CLASSES });
  const optimizer = sgd({ lr: 1e-3, momentum: 0.9, groups: parameterGroups(model) });
  const x = tf.randomNormal([batch, IMAGE, IMAGE, 3]);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: batch }, (_, i) => i % CLASSES),
      'int32',
    ),
    CLASSES,
  );
  const step = async () => {
    const start = performance.now();
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        optimizer.trainableVariables(),
      );
      optimizer.step(grads);
      return value;
    });
    await loss.data();
    loss.dispose();
    return performance.now() - start;
  };
  for (let i = 0; i < warmUp; i += 1) await step();
  const stepsMs: number[] = [];
  const tensorsAfterEachStep: number[] = [];
  for (let i = 0; i < steps; i += 1) {
    stepsMs.push(await step());
    tensorsAfterEachStep.push(tf.memory().numTensors);
  }
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return { label, batch, stepsMs, tensorsAfterEachStep };
}

const PYTORCH_STEP = `${TORCH_ALEXNET}batch, steps = ${WASM_BATCH}, ${WASM_STEPS}
model = alexnet(${CLASSES}); model.train()
opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
x = torch.randn(batch, 3, ${IMAGE}, ${IMAGE}); y = torch.arange(batch) % ${CLASSES}
def step():
    t = time.perf_counter()
    opt.zero_grad(); loss = nn.functional.cross_entropy(model(x), y); loss.backward(); opt.step()
    return (time.perf_counter() - t) * 1000
step()
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps_ms": [step() for _ in range(steps)]}))
`;

function timePyTorch(): Timing | string {
  const r = runTorchScript<{ torch: string; threads: number; steps_ms: number[] }>(PYTORCH_STEP);
  return typeof r === 'string' ? r : { label: torchLabel(r), batch: WASM_BATCH, stepsMs: r.steps_ms };
}

function printTable(rows: Timing[]): void {
  const header = ['backend', 'batch', 'timed steps', 'median ms/step', 'ms/image'];
  const lines = rows.map((r) => [
    r.label,
    String(r.batch),
    String(r.stepsMs.length),
    median(r.stepsMs).toFixed(0),
    msPerImage(r).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

reportLoad('before');
const argv = process.argv.slice(2);
if (argv.includes('--model')) {
  const option = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1]! : fallback);
  const { benchModel } = await import('./backend-model.js');
  await benchModel({
    model: option('--model', 'resnet18'),
    backend: option('--backend', 'wasm') as BackendChoice,
    batch: Number(option('--batch', '16')),
    image: Number(option('--image', '224')),
    steps: Number(option('--steps', '3')),
  });
  reportLoad('after');
  process.exit(0);
}
const wasmBackend = await initBackend({ backend: 'wasm' });
if (argv.includes('--profile')) {
  const option = (name: string) => argv[argv.indexOf(name) + 1];
  const batches = argv.includes('--batches') ? option('--batches')!.split(',').map(Number) : [16, 64];
  const steps = argv.includes('--steps') ? Number(option('--steps')) : 3;
  console.log(`wasm: ${wasmBackend.reason}`);
  await profileBackend(batches, steps);
  reportLoad('after');
  process.exit(0);
}
console.log(
  `AlexNet (full width, ${CLASSES} classes), ${IMAGE}×${IMAGE}, one training step = forward + gradients + SGD momentum`,
);
console.log(`wasm: ${wasmBackend.reason}`);
const threads = getThreadsCount();
const wasm = await timeTraining(
  `rxtrain wasm (${threads} thread${threads === 1 ? '' : 's'})`,
  WASM_BATCH,
  WASM_STEPS,
  1,
);
console.log(
  `wasm steps (ms): ${wasm.stepsMs.map((m) => m.toFixed(0)).join(', ')}; tensors after each: ${wasm.tensorsAfterEachStep?.join(', ')}`,
);

await initBackend({ backend: 'cpu' });
console.log('cpu: one step of one image (about a minute)...');
const cpu = await timeTraining('rxtrain cpu', CPU_BATCH, 1, 0);

const pytorch = timePyTorch();
console.log();
printTable(typeof pytorch === 'string' ? [wasm, cpu] : [wasm, cpu, pytorch]);
console.log();
console.log(`cpu / wasm (ms per image): ${(msPerImage(cpu) / msPerImage(wasm)).toFixed(0)}× (target ≥ 50×)`);
if (typeof pytorch === 'string') console.log(pytorch);
else console.log(`rxtrain wasm / PyTorch (ms per image): ${(msPerImage(wasm) / msPerImage(pytorch)).toFixed(2)}`);
console.log('No GPU was used or measured.');
reportLoad('after');
