import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import { createModel, type ModelName } from '../../src/models/index.js';
import { crossEntropy } from '../../src/train/index.js';
import { relativeError } from '../models/torchvision-reference.js';
import { webgpuTest } from './webgpu-available.js';

/** One of each block kind: basic and bottleneck residuals, inverted residuals with depthwise convolutions, squeeze-excitation and hardswish. */
const FAMILIES: readonly ModelName[] = ['resnet18', 'resnet50', 'mobilenet_v2', 'mobilenet_v3_small'];

/** Loss, every gradient and the updated running statistics of one train-mode forward/backward pass, read back. */
async function trainModeStep(backend: 'cpu' | 'wasm' | 'webgpu', name: ModelName) {
  await initBackend({ backend });
  const model = createModel(name, { numClasses: 3, widthDivisor: 16, seed: 4 });
  // Dropout masks are drawn per backend; the comparison is of everything else.
  for (const layer of model.layers)
    if (layer.getClassName() === 'Dropout') (layer as unknown as { rate: number }).rate = 0;
  const x = tf.randomUniform([2, 64, 64, 3], -1, 1, 'float32', 7);
  const y = tf.tensor1d([0, 2], 'int32');
  const before = tf.memory().numTensors;
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => crossEntropy(model.apply(x, { training: true }) as tf.Tensor, y),
    trainable,
  );
  const gradients = await Promise.all(trainable.map(async (v) => (await grads[v.name]!.data()) as Float32Array));
  const statistics = await Promise.all(
    model.weights.filter((w) => !w.trainable).map(async (w) => (await w.read().data()) as Float32Array),
  );
  const loss = (await value.data())[0]!;
  tf.dispose([value, grads]);
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, y]);
  model.dispose();
  return { loss, gradients, statistics, names: model.trainableWeights.map((w) => w.originalName), leaked };
}

const backendCase = (backend: 'wasm' | 'webgpu', declareTest: typeof test.serial) => {
  for (const name of FAMILIES) {
    declareTest(
      `${name} (width ÷ 16) trains on ${backend}: loss, every gradient and the running statistics as on cpu (1e-3 relative per tensor), no tensor left`,
      async (t) => {
        const cpu = await trainModeStep('cpu', name);
        const other = await trainModeStep(backend, name);
        t.true(
          Math.abs(other.loss - cpu.loss) <= 1e-4 * Math.max(1, Math.abs(cpu.loss)),
          `loss ${other.loss} vs ${cpu.loss}`,
        );
        // Gradients zero but for rounding (the β of a BatchNorm whose output a convolution takes to a
        // train-mode BatchNorm) are measured against 1e-3 of the largest gradient; statistics against 1.
        const floor = 1e-3 * Math.max(...cpu.gradients.map((g) => g.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
        const errors = other.gradients.map((g, i) => relativeError(g, cpu.gradients[i]!, floor));
        const worst = Math.max(...errors);
        t.true(worst <= 1e-3, `largest relative gradient error ${worst} (${cpu.names[errors.indexOf(worst)]})`);
        const statistics = Math.max(...other.statistics.map((s, i) => relativeError(s, cpu.statistics[i]!, 1)));
        t.true(statistics <= 1e-3, `running statistics ${statistics}`);
        t.is(other.leaked, 0);
        t.log(
          `${backend}: largest relative gradient error ${worst.toExponential(2)}, statistics ${statistics.toExponential(2)}`,
        );
      },
    );
  }
};

backendCase('wasm', test.serial);
backendCase('webgpu', webgpuTest as typeof test.serial);
