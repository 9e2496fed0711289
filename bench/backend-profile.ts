/**
 * `npm run bench:backend -- --profile [--batches 16,64] [--steps 3]`: full-width AlexNet at 224 px
 * on wasm, per layer, forward and backward: ms per batch, GFLOP/s, backward / forward, and which
 * kernels the time goes to; then the whole step against rxtrain's own forward pass and against
 * PyTorch's forward pass and step, measured in the same run.
 */
import * as tf from '@tensorflow/tfjs';
import { alexnet, parameterGroups } from '../src/models/index.js';
import { sgd } from '../src/train/index.js';
import { KernelTimers, type KernelTime } from './kernel-timers.js';
import { TORCH_ALEXNET } from './torch-alexnet.js';
import { runTorchScript, torchLabel } from './torch-python.js';

const IMAGE = 224;
const CLASSES = 2;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

/** Where a kernel's time is reported. */
const CATEGORIES: readonly [string, readonly string[]][] = [
  ['products', ['Conv2D', 'FusedConv2D', 'BatchMatMul', '_FusedMatMul', 'Conv2DBackpropInput', 'Conv2DBackpropFilter']],
  ['transposes', ['Transpose']],
  ['pads/slices', ['PadV2', 'Slice', 'StridedSlice', 'Reverse', 'Fill', 'MirrorPad']],
  ['interleave', ['Concat']],
];
const categoryOf = (kernel: string) =>
  CATEGORIES.find(([, names]) => names.includes(kernel.split('>').at(-1)!))?.[0] ?? 'other kernels';
const COLUMNS = [...CATEGORIES.map(([name]) => name), 'other kernels'];

interface Step {
  readonly run: () => Promise<void>;
  readonly dispose: () => void;
}

function trainingStep(model: tf.LayersModel, batch: number, timers?: KernelTimers): { step: Step; forward: Step } {
  const optimizer = sgd({ lr: 1e-3, momentum: 0.9, groups: parameterGroups(model) });
  const x = tf.randomNormal([batch, IMAGE, IMAGE, 3]);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: batch }, (_, i) => i % CLASSES),
      'int32',
    ),
    CLASSES,
  );
  const label = <T>(name: string, body: () => T) => (timers ? timers.within(name, body) : body());
  const step = async () => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const logits = model.apply(x, { training: true }) as tf.Tensor;
        return label('loss forward', () => tf.losses.softmaxCrossEntropy(y, logits)) as tf.Scalar;
      }, optimizer.trainableVariables());
      label('optimizer', () => optimizer.step(grads));
      return value;
    });
    await loss.data();
    loss.dispose();
  };
  const forward = async () => {
    const logits = tf.tidy(() => model.apply(x, { training: true }) as tf.Tensor);
    await logits.data();
    logits.dispose();
  };
  const dispose = () => {
    tf.dispose([x, y]);
    optimizer.dispose();
  };
  return { step: { run: step, dispose }, forward: { run: forward, dispose: () => {} } };
}

async function timeMs(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Multiply-adds ×2 of a conv or dense layer's forward product, from its weights and the output shape it produced. */
function layerFlops(layer: tf.layers.Layer, outShape: readonly number[] | undefined): number | undefined {
  const kernel = layer.getWeights()[0];
  if (kernel === undefined || outShape === undefined) return undefined;
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  return 2 * size(outShape.slice(0, -1)) * size(kernel.shape);
}

interface LayerRow {
  readonly name: string;
  readonly forwardMs: number;
  readonly backwardMs: number;
  readonly flops?: number | undefined;
  readonly backwardByCategory: Map<string, number>;
  readonly forwardKernels: Map<string, KernelTime>;
  readonly backwardKernels: Map<string, KernelTime>;
  readonly tapeMB: number;
}

const totalMs = (kernels: Map<string, KernelTime> | undefined, steps: number) =>
  [...(kernels?.values() ?? [])].reduce((sum, k) => sum + k.ms, 0) / steps;

function layerRows(model: tf.LayersModel, timers: KernelTimers, steps: number): LayerRow[] {
  const names = [...model.layers.map((l) => l.name), 'loss'];
  return names.map((name) => {
    const backward = timers.times.get(`${name} backward`) ?? new Map<string, KernelTime>();
    const byCategory = new Map<string, number>();
    for (const [kernel, t] of backward)
      byCategory.set(categoryOf(kernel), (byCategory.get(categoryOf(kernel)) ?? 0) + t.ms / steps);
    const held = timers.tapeTensors.get(`${name} backward`);
    const layer = model.layers.find((l) => l.name === name);
    return {
      name,
      forwardMs: totalMs(timers.times.get(`${name} forward`), steps),
      backwardMs: totalMs(backward, steps),
      flops: layer ? layerFlops(layer, timers.outputShapes.get(name)) : undefined,
      backwardByCategory: byCategory,
      forwardKernels: timers.times.get(`${name} forward`) ?? new Map<string, KernelTime>(),
      backwardKernels: backward,
      tapeMB: [...(held?.values() ?? [])].reduce((a, b) => a + b, 0) / steps / 2 ** 20,
    };
  });
}

function printTable(header: string[], lines: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

function printProfile(rows: LayerRow[], extra: { name: string; ms: number }[], steps: number): void {
  const gflops = (flops: number | undefined, ms: number) => (flops && ms > 0 ? (flops / ms / 1e6).toFixed(1) : '');
  const fixed = (ms: number) => (ms >= 0.05 ? ms.toFixed(1) : '');
  const shown = rows.filter((r) => r.forwardMs + r.backwardMs >= 0.5);
  printTable(
    [
      'layer',
      'fwd ms',
      'fwd GFLOP/s',
      'bwd ms',
      'bwd GFLOP/s',
      'bwd/fwd',
      ...COLUMNS.map((c) => `bwd ${c}`),
      'tape MB',
    ],
    [
      ...shown.map((r) => [
        r.name,
        fixed(r.forwardMs),
        gflops(r.flops, r.forwardMs),
        fixed(r.backwardMs),
        gflops(r.flops && 2 * r.flops, r.backwardMs),
        r.flops ? (r.backwardMs / r.forwardMs).toFixed(2) : '',
        ...COLUMNS.map((c) => fixed(r.backwardByCategory.get(c) ?? 0)),
        r.tapeMB >= 0.05 ? r.tapeMB.toFixed(1) : '',
      ]),
      ...extra.map((e) => [e.name, '', '', fixed(e.ms), '', '', ...COLUMNS.map(() => ''), '']),
      [
        'total',
        fixed(rows.reduce((s, r) => s + r.forwardMs, 0)),
        '',
        fixed(rows.reduce((s, r) => s + r.backwardMs, 0) + extra.reduce((s, e) => s + e.ms, 0)),
        '',
        '',
        ...COLUMNS.map((c) => fixed(rows.reduce((s, r) => s + (r.backwardByCategory.get(c) ?? 0), 0))),
        rows.reduce((s, r) => s + r.tapeMB, 0).toFixed(0),
      ],
    ],
  );
  console.log('kernels per layer (ms per batch × calls per step; Outer>Inner: a kernel run inside another):');
  const list = (kernels: Map<string, KernelTime>) =>
    [...kernels]
      .sort((a, b) => b[1].ms - a[1].ms)
      .filter(([, t]) => t.ms / steps >= 0.5)
      .map(([k, t]) => `${k} ${(t.ms / steps).toFixed(1)}×${t.calls / steps}`)
      .join(', ');
  for (const r of shown)
    console.log(`  ${r.name}: forward ${list(r.forwardKernels) || '-'}; backward ${list(r.backwardKernels) || '-'}`);
}

const PYTORCH = (batch: number, steps: number) => `${TORCH_ALEXNET}
model = alexnet(${CLASSES})
model.train()
opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
x = torch.randn(${batch}, 3, ${IMAGE}, ${IMAGE}); y = torch.arange(${batch}) % ${CLASSES}
def timed(f):
    t = time.perf_counter(); f(); return (time.perf_counter() - t) * 1000
def step():
    opt.zero_grad(); nn.functional.cross_entropy(model(x), y).backward(); opt.step()
def forward():
    with torch.no_grad(): model(x)
step(); forward()
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                  "forward_ms": [timed(forward) for _ in range(${steps})], "step_ms": [timed(step) for _ in range(${steps})]}))
`;

interface Reference {
  readonly label: string;
  readonly forwardMs: number[];
  readonly stepMs: number[];
}

function pytorchReference(batch: number, steps: number): Reference | string {
  const r = runTorchScript<{ torch: string; threads: number; forward_ms: number[]; step_ms: number[] }>(
    PYTORCH(batch, steps),
  );
  return typeof r === 'string' ? r : { label: torchLabel(r), forwardMs: r.forward_ms, stepMs: r.step_ms };
}

export async function profileBackend(batches: readonly number[], steps: number): Promise<void> {
  for (const batch of batches) {
    const model = alexnet({ numClasses: CLASSES });
    const plain = trainingStep(model, batch);
    await plain.step.run();
    await plain.forward.run();
    const forwardMs: number[] = [];
    const stepMs: number[] = [];
    // Forward passes back to back, as in inference: after a step the backend repacks the dense
    // layers' new weights on the next forward product, which a training step never pays.
    for (let i = 0; i < steps; i += 1) forwardMs.push(await timeMs(plain.forward.run));
    for (let i = 0; i < steps; i += 1) stepMs.push(await timeMs(plain.step.run));
    const tensorsBefore = tf.memory().numTensors;
    plain.step.dispose();

    const timers = new KernelTimers();
    timers.install();
    timers.labelLayers(model);
    const profiled = trainingStep(model, batch, timers);
    timers.reset();
    const profiledMs: number[] = [];
    for (let i = 0; i < steps; i += 1) profiledMs.push(await timeMs(profiled.step.run));
    const rows = layerRows(model, timers, steps);
    const extra = ['optimizer', 'unlabelled'].map((name) => ({ name, ms: totalMs(timers.times.get(name), steps) }));
    timers.uninstall();
    profiled.step.dispose();
    model.dispose();

    const reference = pytorchReference(batch, steps);
    console.log();
    console.log(`batch ${batch}: ${steps} steps each; ms per batch, mean of the profiled steps (kernel timers on)`);
    printProfile(rows, extra, steps);
    const fwd = median(forwardMs);
    const step = median(stepMs);
    console.log(
      `rxtrain wasm: forward ${fwd.toFixed(0)} ms (${range(forwardMs)}), step ${step.toFixed(0)} ms (${range(stepMs)}), ` +
        `${(step / batch).toFixed(1)} ms/image, step/forward ${(step / fwd).toFixed(2)}; with kernel timers ${median(profiledMs).toFixed(0)} ms; tensors ${tensorsBefore}`,
    );
    if (typeof reference === 'string') {
      console.log(reference);
    } else {
      const tf_ = median(reference.forwardMs);
      const ts = median(reference.stepMs);
      console.log(
        `${reference.label}: forward ${tf_.toFixed(0)} ms (${range(reference.forwardMs)}), step ${ts.toFixed(0)} ms (${range(reference.stepMs)}), ` +
          `${(ts / batch).toFixed(1)} ms/image, step/forward ${(ts / tf_).toFixed(2)}`,
      );
      console.log(`rxtrain / PyTorch: step ${(step / ts).toFixed(2)}, forward ${(fwd / tf_).toFixed(2)}`);
    }
  }
  console.log('No GPU was used or measured.');
}
