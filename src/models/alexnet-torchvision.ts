import * as tf from '@tensorflow/tfjs';
import type { ResolvedAlexNetOptions } from './alexnet-options.js';
import { AdaptiveAvgPool2d } from './layers/adaptive-avg-pool-2d.js';
import { InputConv2d } from './layers/input-conv-2d.js';
import { layerSeed, torchDefaultInit } from './torch-init.js';

/**
 * torchvision's `AlexNet`, NHWC. Layer names are torchvision's module names; weightless helpers
 * carry their module's prefix (`features.0.pad`: PyTorch's symmetric padding of 2 before the
 * stride-4 convolution, which `same` padding would not reproduce).
 */
export function torchvisionAlexNet({
  numClasses,
  widthDivisor,
  dropout,
  inputSize,
  seed,
}: ResolvedAlexNetOptions): tf.LayersModel {
  const width = (w: number) => Math.max(1, Math.floor(w / widthDivisor));
  const [c1, c2, c3, c4, c5, hidden] = [width(64), width(192), width(384), width(256), width(256), width(4096)];
  let weighted = 0;
  const init = (inChannels: number, kernelSize: number) =>
    torchDefaultInit(inChannels * kernelSize * kernelSize, layerSeed(seed, weighted++));
  const conv = (name: string, inChannels: number, filters: number, kernelSize: number) =>
    tf.layers.conv2d({ name, filters, kernelSize, padding: 'same', ...init(inChannels, kernelSize) });
  const dense = (name: string, inUnits: number, units: number) =>
    tf.layers.dense({ name, units, ...torchDefaultInit(inUnits, layerSeed(seed, weighted++)) });
  const relu = (name: string) => tf.layers.reLU({ name });
  const maxPool = (name: string) => tf.layers.maxPooling2d({ name, poolSize: 3, strides: 2 });
  const size = inputSize ?? null;

  return tf.sequential({
    name: 'alexnet',
    layers: [
      tf.layers.zeroPadding2d({ name: 'features.0.pad', padding: 2, inputShape: [size, size, 3] }),
      new InputConv2d({ name: 'features.0', filters: c1, kernelSize: 11, strides: 4, ...init(3, 11) }),
      relu('features.1'),
      maxPool('features.2'),
      conv('features.3', c1, c2, 5),
      relu('features.4'),
      maxPool('features.5'),
      conv('features.6', c2, c3, 3),
      relu('features.7'),
      conv('features.8', c3, c4, 3),
      relu('features.9'),
      conv('features.10', c4, c5, 3),
      relu('features.11'),
      maxPool('features.12'),
      new AdaptiveAvgPool2d({ name: 'avgpool', outputSize: 6 }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dropout({ name: 'classifier.0', rate: dropout }),
      dense('classifier.1', c5 * 36, hidden),
      relu('classifier.2'),
      tf.layers.dropout({ name: 'classifier.3', rate: dropout }),
      dense('classifier.4', hidden, hidden),
      relu('classifier.5'),
      dense('classifier.6', hidden, numClasses),
    ],
  });
}
