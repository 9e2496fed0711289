import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import { alexnet } from '../../src/models/index.js';
import { parameterGroups } from '../../src/models/parameter-groups.js';
import { runContext, sgd } from '../../src/train/index.js';
import { trainStep } from '../../src/train/loop/train-step.js';
import { relativeError, seededValues } from './agreement.js';
import { webgpuTest } from './webgpu-available.js';

const BATCH = 2;
const CLASSES = 2;

function inputs(image: number) {
  const x = tf.randomUniform([BATCH, image, image, 3], -1, 1, 'float32', 7);
  const y = tf.oneHot(tf.tensor1d([0, 1], 'int32'), CLASSES);
  return { x, y };
}

/** Uniform weights of variance 1/fan-in and zero biases: activations and gradients near unit scale in every layer. */
function varianceKeepingWeights(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w, i) => {
    const values = seededValues(2000 + i, w.size);
    if (w.rank === 1) return values.fill(0);
    const fanIn = w.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    return values.map((v) => v * Math.sqrt(3 / fanIn));
  });
}

/** Loss and every gradient of one forward/backward pass in inference mode (no dropout), read back. */
async function lossAndGradients(
  backend: 'cpu' | 'webgpu',
  variant: 'torchvision' | 'paper',
  image: number,
  weights?: Float32Array[],
) {
  await initBackend({ backend });
  const model = alexnet({ numClasses: CLASSES, widthDivisor: 16, variant });
  const values = weights ?? varianceKeepingWeights(model);
  tf.tidy(() => model.setWeights(model.getWeights().map((w, i) => tf.tensor(values[i]!, w.shape))));
  const { x, y } = inputs(image);
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: false }) as tf.Tensor) as tf.Scalar,
  );
  const names = model.trainableWeights.map((w) => w.originalName);
  const gradients = await Promise.all(
    model.trainableWeights.map(async (w) => (await grads[w.name]!.data()) as Float32Array),
  );
  const loss = (await value.data())[0]!;
  tf.dispose([x, y, value, grads]);
  model.dispose();
  return { loss, names, gradients, weights: values };
}

for (const [variant, image] of [
  ['torchvision', 64],
  ['paper', 227],
] as const) {
  webgpuTest(
    `a ${variant} AlexNet step on webgpu computes the loss and every gradient as cpu does (1e-3 relative per tensor)`,
    async (t) => {
      const cpu = await lossAndGradients('cpu', variant, image);
      const gpu = await lossAndGradients('webgpu', variant, image, cpu.weights);
      t.true(
        Math.abs(gpu.loss - cpu.loss) <= 1e-4 * Math.max(1, Math.abs(cpu.loss)),
        `loss ${gpu.loss} vs ${cpu.loss}`,
      );
      t.deepEqual(gpu.names, cpu.names);
      const errors = gpu.gradients.map((g, i) => relativeError(g, cpu.gradients[i]!));
      const worst = Math.max(...errors);
      t.true(worst <= 1e-3, `largest relative gradient error ${worst} (${gpu.names[errors.indexOf(worst)]})`);
    },
  );
}

webgpuTest(
  'training steps on webgpu leave tensors, buffers and GPU bytes where the first step left them',
  async (t) => {
    await initBackend({ backend: 'webgpu' });
    const model = alexnet({ numClasses: CLASSES, widthDivisor: 16 });
    const context = runContext({
      model,
      optimizer: sgd({ lr: 1e-2, momentum: 0.9, groups: parameterGroups(model) }),
      seed: 3,
    });
    const { x, y } = inputs(64);
    const labels = tf.tensor1d([0, 1], 'float32');
    const step = async () => {
      const stats = trainStep(context, { x, y: labels, paths: [], skipped: [] });
      const [loss] = await stats.data();
      stats.dispose();
      return loss!;
    };
    await step();
    const backend = tf.backend() as unknown as { bufferManager: { numUsedBuffers: number; numBytesAllocated: number } };
    const usage = () => ({
      tensors: tf.memory().numTensors,
      dataIds: tf.engine().backend.numDataIds(),
      bytesInGPU: (tf.memory() as { numBytesInGPU?: number }).numBytesInGPU,
      buffersInUse: backend.bufferManager.numUsedBuffers,
    });
    const after1 = usage();
    const losses = [];
    for (let i = 0; i < 4; i += 1) losses.push(await step());
    const allocated = backend.bufferManager.numBytesAllocated;
    losses.push(await step());
    t.deepEqual(usage(), after1);
    t.is(backend.bufferManager.numBytesAllocated, allocated, 'the buffer pool reuses its buffers');
    t.true(losses.every(Number.isFinite));
    context.dispose();
    model.dispose();
    tf.dispose([x, y, labels]);
  },
);
