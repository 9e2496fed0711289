import * as tf from '@tensorflow/tfjs';
import type { ResolvedAlexNetOptions } from './alexnet-options.js';
import { GroupedConv2d } from './layers/grouped-conv-2d.js';
import { InputConv2d } from './layers/input-conv-2d.js';
import { LocalResponseNormalization } from './layers/local-response-normalization.js';
import { layerSeed, paperInit } from './torch-init.js';

/**
 * The 2012 paper's AlexNet, NHWC, 227×227 input: the two-GPU split as 2-group convolutions in
 * conv2, conv4 and conv5, local response normalisation after the first two ReLUs, dropout after
 * the two hidden fully connected layers, and the paper's initialisation.
 */
export function paperAlexNet({
  numClasses,
  widthDivisor,
  dropout,
  inputSize = 227,
  seed,
}: ResolvedAlexNetOptions): tf.LayersModel {
  const groups = 2;
  const width = (w: number) => Math.max(groups, groups * Math.floor(w / widthDivisor / groups));
  const [c1, c2, c3, c4, c5, hidden] = [width(96), width(256), width(384), width(384), width(256), width(4096)];
  let weighted = 0;
  const init = (bias: 0 | 1) => paperInit(bias, layerSeed(seed, weighted++));
  const grouped = (name: string, filters: number, kernelSize: number) =>
    new GroupedConv2d({ name, filters, kernelSize, groups, padding: 'same', ...init(1) });
  const relu = (name: string) => tf.layers.reLU({ name });
  const lrn = (name: string) =>
    new LocalResponseNormalization({ name, depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 });
  const maxPool = (name: string) => tf.layers.maxPooling2d({ name, poolSize: 3, strides: 2 });

  return tf.sequential({
    name: 'alexnet_paper',
    layers: [
      new InputConv2d({
        name: 'features.0',
        inputShape: [inputSize, inputSize, 3],
        filters: c1,
        kernelSize: 11,
        strides: 4,
        ...init(0),
      }),
      relu('features.1'),
      lrn('features.2'),
      maxPool('features.3'),
      grouped('features.4', c2, 5),
      relu('features.5'),
      lrn('features.6'),
      maxPool('features.7'),
      tf.layers.conv2d({ name: 'features.8', filters: c3, kernelSize: 3, padding: 'same', ...init(0) }),
      relu('features.9'),
      grouped('features.10', c4, 3),
      relu('features.11'),
      grouped('features.12', c5, 3),
      relu('features.13'),
      maxPool('features.14'),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({ name: 'classifier.0', units: hidden, ...init(1) }),
      relu('classifier.1'),
      tf.layers.dropout({ name: 'classifier.2', rate: dropout }),
      tf.layers.dense({ name: 'classifier.3', units: hidden, ...init(1) }),
      relu('classifier.4'),
      tf.layers.dropout({ name: 'classifier.5', rate: dropout }),
      tf.layers.dense({ name: 'classifier.6', units: numClasses, ...init(0) }),
    ],
  });
}
