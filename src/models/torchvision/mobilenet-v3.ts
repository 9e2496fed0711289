import * as tf from '@tensorflow/tfjs';
import { channelsOf, GraphBuilder, type Activation } from './graph-builder.js';
import { makeDivisible } from './make-divisible.js';
import { resolveTorchvisionOptions, type TorchvisionModelOptions } from './torchvision-options.js';

type Tensor = tf.SymbolicTensor;

/** torchvision's `InvertedResidualConfig`: input, kernel, expanded, output channels, squeeze-excitation, activation, stride. */
type Bneck = readonly [
  input: number,
  kernel: number,
  expanded: number,
  output: number,
  se: boolean,
  activation: 'RE' | 'HS',
  stride: number,
];

const LARGE: readonly Bneck[] = [
  [16, 3, 16, 16, false, 'RE', 1],
  [16, 3, 64, 24, false, 'RE', 2],
  [24, 3, 72, 24, false, 'RE', 1],
  [24, 5, 72, 40, true, 'RE', 2],
  [40, 5, 120, 40, true, 'RE', 1],
  [40, 5, 120, 40, true, 'RE', 1],
  [40, 3, 240, 80, false, 'HS', 2],
  [80, 3, 200, 80, false, 'HS', 1],
  [80, 3, 184, 80, false, 'HS', 1],
  [80, 3, 184, 80, false, 'HS', 1],
  [80, 3, 480, 112, true, 'HS', 1],
  [112, 3, 672, 112, true, 'HS', 1],
  [112, 5, 672, 160, true, 'HS', 2],
  [160, 5, 960, 160, true, 'HS', 1],
  [160, 5, 960, 160, true, 'HS', 1],
];

const SMALL: readonly Bneck[] = [
  [16, 3, 16, 16, true, 'RE', 2],
  [16, 3, 72, 24, false, 'RE', 2],
  [24, 3, 88, 24, false, 'RE', 1],
  [24, 5, 96, 40, true, 'HS', 2],
  [40, 5, 240, 40, true, 'HS', 1],
  [40, 5, 240, 40, true, 'HS', 1],
  [40, 5, 120, 48, true, 'HS', 1],
  [48, 5, 144, 48, true, 'HS', 1],
  [48, 5, 288, 96, true, 'HS', 2],
  [96, 5, 576, 96, true, 'HS', 1],
  [96, 5, 576, 96, true, 'HS', 1],
];

/** `SqueezeExcitation`: global average, `fc1` (1×1) ReLU, `fc2` (1×1) Hardsigmoid, times the input. */
function squeezeExcitation(net: GraphBuilder, p: string, x: Tensor): Tensor {
  const channels = channelsOf(x);
  const pooled = tf.layers
    .reshape({ name: `${p}.avgpool.reshape`, targetShape: [1, 1, channels] })
    .apply(net.globalAveragePool(`${p}.avgpool`, x)) as Tensor;
  const squeezed = net.activation(
    `${p}.activation`,
    net.conv(`${p}.fc1`, pooled, { filters: makeDivisible(Math.floor(channels / 4)), kernelSize: 1, useBias: true }),
    'relu',
  );
  const scale = net.activation(
    `${p}.scale_activation`,
    net.conv(`${p}.fc2`, squeezed, { filters: channels, kernelSize: 1, useBias: true }),
    'hardsigmoid',
  );
  return net.multiply(`${p}.mul`, x, scale);
}

function invertedResidual(
  net: GraphBuilder,
  p: string,
  x: Tensor,
  [, kernelSize, expanded, output, se, act, strides]: Bneck,
): Tensor {
  const activation: Activation = act === 'HS' ? 'hardswish' : 'relu';
  let i = 0;
  let y = x;
  if (expanded !== channelsOf(x))
    y = net.convNormActivation(`${p}.block.${i++}`, y, { filters: expanded, kernelSize: 1 }, activation);
  y = net.convNormActivation(
    `${p}.block.${i++}`,
    y,
    { filters: expanded, kernelSize, strides, depthwise: true },
    activation,
  );
  if (se) y = squeezeExcitation(net, `${p}.block.${i++}`, y);
  y = net.convNormActivation(`${p}.block.${i}`, y, { filters: output, kernelSize: 1 }, null);
  return strides === 1 && channelsOf(x) === output ? net.add(`${p}.add`, x, y) : y;
}

function mobilenetV3(
  name: string,
  settings: readonly Bneck[],
  lastChannel: number,
  options?: TorchvisionModelOptions,
): tf.LayersModel {
  const { numClasses, widthDivisor, inputSize, seed, initialize } = resolveTorchvisionOptions(options);
  const adjust = (channels: number) => makeDivisible(channels / widthDivisor);
  const net = new GraphBuilder(seed, { eps: 1e-3, momentum: 0.01 }, initialize);
  const size = inputSize ?? null;
  const input = tf.input({ name: 'input', shape: [size, size, 3] });
  let x = net.convNormActivation('features.0', input, { filters: adjust(16), kernelSize: 3, strides: 2 }, 'hardswish');
  settings.forEach((bneck, i) => {
    const [inputs, kernel, expanded, output, se, act, stride] = bneck;
    x = invertedResidual(net, `features.${i + 1}`, x, [
      adjust(inputs),
      kernel,
      adjust(expanded),
      adjust(output),
      se,
      act,
      stride,
    ]);
  });
  x = net.convNormActivation(
    `features.${settings.length + 1}`,
    x,
    { filters: 6 * channelsOf(x), kernelSize: 1 },
    'hardswish',
  );
  let y = net.globalAveragePool('avgpool', x);
  y = net.activation('classifier.1', net.linear('classifier.0', y, adjust(lastChannel), 0.01), 'hardswish');
  y = net.linear('classifier.3', net.dropout('classifier.2', y, 0.2), numClasses, 0.01);
  return tf.model({ name, inputs: input, outputs: y });
}

/**
 * torchvision's `mobilenet_v3_large` (`width_mult = 1 / widthDivisor`): hardswish, squeeze-excitation,
 * batch norms with eps 1e-3 and momentum 0.01; `classifier.0` linear, hardswish, dropout 0.2, `classifier.3`.
 */
export const mobilenetV3Large = (options?: TorchvisionModelOptions): tf.LayersModel =>
  mobilenetV3('mobilenet_v3_large', LARGE, 1280, options);
/** torchvision's `mobilenet_v3_small`; as `mobilenetV3Large` with its own blocks and a 1024-wide classifier. */
export const mobilenetV3Small = (options?: TorchvisionModelOptions): tf.LayersModel =>
  mobilenetV3('mobilenet_v3_small', SMALL, 1024, options);
