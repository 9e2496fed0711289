/**
 * The wasm backend's convolution gradient kernels (rxtrain's, as registered) on AlexNet's five
 * layers against each layer's forward convolution, run in turn within one process (so the
 * machine's load falls on all alike), repeated; min and median ms per batch.
 *
 *   npx tsx bench/conv-gradients.ts [--batch 16] [--repeats 5]
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../src/backend/index.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback;
const batch = option('--batch', 16);
const repeats = option('--repeats', 5);

const LAYERS = [
  { name: 'features.0', x: [228, 228, 3], filter: [11, 11, 3, 64], stride: 4, pad: 'valid' },
  { name: 'features.3', x: [27, 27, 64], filter: [5, 5, 64, 192], stride: 1, pad: 'same' },
  { name: 'features.6', x: [13, 13, 192], filter: [3, 3, 192, 384], stride: 1, pad: 'same' },
  { name: 'features.8', x: [13, 13, 384], filter: [3, 3, 384, 256], stride: 1, pad: 'same' },
  { name: 'features.10', x: [13, 13, 256], filter: [3, 3, 256, 256], stride: 1, pad: 'same' },
] as const;

await initBackend({ backend: 'wasm' });
const backend = tf.backend() as BackendWasm;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`batch ${batch}, ${repeats} repeats; ms per batch: min / median, and median / forward's median`);
for (const layer of LAYERS) {
  const x = tf.randomNormal([batch, ...layer.x]) as tf.Tensor4D;
  const filter = tf.randomNormal([...layer.filter]) as tf.Tensor4D;
  const dy = tf.tidy(() => tf.randomNormal(tf.conv2d(x, filter, layer.stride, layer.pad).shape)) as tf.Tensor4D;
  const attrs = {
    strides: [layer.stride, layer.stride],
    pad: layer.pad,
    dataFormat: 'NHWC',
    dimRoundingMode: undefined,
  };
  const runs: [string, () => TensorInfo][] = [
    [
      'forward Conv2D',
      () => {
        const y = tf.conv2d(x, filter, layer.stride, layer.pad);
        return y;
      },
    ],
    [
      'dW Conv2DBackpropFilter',
      () =>
        tf.getKernel('Conv2DBackpropFilter', 'wasm').kernelFunc({
          inputs: { x, dy },
          attrs: { ...attrs, filterShape: [...layer.filter] },
          backend,
        } as never) as TensorInfo,
    ],
    [
      'dx Conv2DBackpropInput',
      () =>
        tf.getKernel('Conv2DBackpropInput', 'wasm').kernelFunc({
          inputs: { dy, filter },
          attrs: { ...attrs, inputShape: [batch, ...layer.x] },
          backend,
        } as never) as TensorInfo,
    ],
  ];
  const times = new Map<string, number[]>(runs.map(([label]) => [label, []]));
  for (let r = 0; r <= repeats; r += 1) {
    for (const [label, run] of runs) {
      const start = performance.now();
      const out = run();
      const ms = performance.now() - start;
      if (r > 0) times.get(label)!.push(ms);
      if (out instanceof tf.Tensor) out.dispose();
      else backend.disposeData(out.dataId);
    }
  }
  const forward = median(times.get('forward Conv2D')!);
  console.log(
    `${layer.name} (x ${[batch, ...layer.x].join('×')}, filter ${layer.filter.join('×')}, stride ${layer.stride})`,
  );
  for (const [label] of runs) {
    const t = times.get(label)!;
    console.log(
      `  ${label.padEnd(32)} ${Math.min(...t)
        .toFixed(1)
        .padStart(7)} / ${median(t).toFixed(1).padStart(7)} ms  ×${(median(t) / forward).toFixed(2)} forward`,
    );
  }
  tf.dispose([x, filter, dy]);
}
