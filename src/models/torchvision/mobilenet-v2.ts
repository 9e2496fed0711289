import * as tf from '@tensorflow/tfjs';
import { channelsOf, GraphBuilder } from './graph-builder.js';
import { makeDivisible } from './make-divisible.js';
import { resolveTorchvisionOptions, type TorchvisionModelOptions } from './torchvision-options.js';

type Tensor = tf.SymbolicTensor;

/** torchvision's inverted residual settings: expansion t, channels c, repeats n, first stride s. */
const SETTINGS: ReadonlyArray<readonly [t: number, c: number, n: number, s: number]> = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

/** `InvertedResidual`: 1×1 expansion (unless t = 1), 3×3 depthwise, 1×1 linear projection, residual when the shape keeps. */
function invertedResidual(
  net: GraphBuilder,
  p: string,
  x: Tensor,
  filters: number,
  strides: number,
  expand: number,
): Tensor {
  const hidden = Math.round(channelsOf(x) * expand);
  let i = 0;
  let y = x;
  if (expand !== 1) y = net.convNormActivation(`${p}.conv.${i++}`, y, { filters: hidden, kernelSize: 1 }, 'relu6');
  y = net.convNormActivation(
    `${p}.conv.${i++}`,
    y,
    { filters: hidden, kernelSize: 3, strides, depthwise: true },
    'relu6',
  );
  y = net.batchNorm(`${p}.conv.${i + 1}`, net.conv(`${p}.conv.${i}`, y, { filters, kernelSize: 1 }));
  return strides === 1 && channelsOf(x) === filters ? net.add(`${p}.add`, x, y) : y;
}

/**
 * torchvision's `mobilenet_v2` (`width_mult = 1 / widthDivisor`): `features.0` … `features.18`,
 * then global average pooling and `classifier` (dropout 0.2, `classifier.1` linear).
 */
export function mobilenetV2(options?: TorchvisionModelOptions): tf.LayersModel {
  const { numClasses, widthDivisor, inputSize, seed, initialize } = resolveTorchvisionOptions(options);
  const widthMult = 1 / widthDivisor;
  const net = new GraphBuilder(seed, undefined, initialize);
  const size = inputSize ?? null;
  const input = tf.input({ name: 'input', shape: [size, size, 3] });
  let x = net.convNormActivation(
    'features.0',
    input,
    { filters: makeDivisible(32 * widthMult), kernelSize: 3, strides: 2 },
    'relu6',
  );
  let index = 1;
  for (const [t, c, n, s] of SETTINGS) {
    for (let i = 0; i < n; i++)
      x = invertedResidual(net, `features.${index++}`, x, makeDivisible(c * widthMult), i === 0 ? s : 1, t);
  }
  x = net.convNormActivation(
    `features.${index}`,
    x,
    { filters: makeDivisible(1280 * Math.max(1, widthMult)), kernelSize: 1 },
    'relu6',
  );
  const pooled = net.dropout('classifier.0', net.globalAveragePool('avgpool', x), 0.2);
  return tf.model({
    name: 'mobilenet_v2',
    inputs: input,
    outputs: net.linear('classifier.1', pooled, numClasses, 0.01),
  });
}
