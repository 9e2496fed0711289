import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend/index.js';
import { alexnet } from '../models/index.js';
import { relativeError } from './relative-error.js';

export interface Agreement {
  readonly net: string;
  readonly lossRelativeError: number;
  /** max over gradient tensors of max|webgpu − cpu| / max|cpu|. */
  readonly maxGradientRelativeError: number;
}

const WIDTH_DIVISOR = 16;
const IMAGE = 64;
const BATCH = 2;

async function lossAndGradients(backend: 'cpu' | 'webgpu', weights: tf.Tensor[] | undefined) {
  await initBackend({ backend });
  const model = alexnet({ numClasses: 2, widthDivisor: WIDTH_DIVISOR, seed: 5 });
  if (weights !== undefined) tf.tidy(() => model.setWeights(weights.map((w) => tf.tensor(w.dataSync(), w.shape))));
  const x = tf.randomUniform([BATCH, IMAGE, IMAGE, 3], -1, 1, 'float32', 7);
  const y = tf.oneHot(tf.tensor1d([0, 1], 'int32'), 2);
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: false }) as tf.Tensor) as tf.Scalar,
  );
  const gradients = await Promise.all(model.trainableWeights.map(async (w) => grads[w.name]!.data()));
  const loss = (await value.data())[0]!;
  const kept = weights ?? model.getWeights().map((w) => tf.keep(w.clone()));
  tf.dispose([x, y, value, grads]);
  model.dispose();
  return { loss, gradients, weights: kept };
}

/** One forward/backward pass of a small AlexNet on webgpu against cpu, same weights and images. */
export async function agreementWithCpu(): Promise<Agreement> {
  const cpu = await lossAndGradients('cpu', undefined);
  const gpu = await lossAndGradients('webgpu', cpu.weights);
  tf.dispose(cpu.weights);
  return {
    net: `AlexNet widthDivisor ${WIDTH_DIVISOR}, ${IMAGE} px, batch ${BATCH}`,
    lossRelativeError: Math.abs(gpu.loss - cpu.loss) / Math.abs(cpu.loss),
    maxGradientRelativeError: Math.max(...gpu.gradients.map((g, i) => relativeError(g, cpu.gradients[i]!))),
  };
}
