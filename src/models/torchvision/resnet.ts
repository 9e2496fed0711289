import * as tf from '@tensorflow/tfjs';
import { channelsOf, GraphBuilder } from './graph-builder.js';
import { narrowed, resolveTorchvisionOptions, type TorchvisionModelOptions } from './torchvision-options.js';

type Tensor = tf.SymbolicTensor;
type Block = 'basic' | 'bottleneck';

/** `BasicBlock`: 3×3 (stride), 3×3, plus the shortcut. */
function basicBlock(net: GraphBuilder, p: string, x: Tensor, planes: number, strides: number): Tensor {
  let y = net.activation(
    `${p}.relu.0`,
    net.batchNorm(`${p}.bn1`, net.conv(`${p}.conv1`, x, { filters: planes, kernelSize: 3, strides })),
    'relu',
  );
  y = net.batchNorm(`${p}.bn2`, net.conv(`${p}.conv2`, y, { filters: planes, kernelSize: 3 }));
  return net.activation(`${p}.relu.1`, net.add(`${p}.add`, y, shortcut(net, p, x, planes, strides)), 'relu');
}

/** `Bottleneck` (ResNet V1.5, as torchvision): 1×1, 3×3 (stride), 1×1 to 4× the planes, plus the shortcut. */
function bottleneck(net: GraphBuilder, p: string, x: Tensor, planes: number, strides: number): Tensor {
  let y = net.activation(
    `${p}.relu.0`,
    net.batchNorm(`${p}.bn1`, net.conv(`${p}.conv1`, x, { filters: planes, kernelSize: 1 })),
    'relu',
  );
  y = net.activation(
    `${p}.relu.1`,
    net.batchNorm(`${p}.bn2`, net.conv(`${p}.conv2`, y, { filters: planes, kernelSize: 3, strides })),
    'relu',
  );
  y = net.batchNorm(`${p}.bn3`, net.conv(`${p}.conv3`, y, { filters: planes * 4, kernelSize: 1 }));
  return net.activation(`${p}.relu.2`, net.add(`${p}.add`, y, shortcut(net, p, x, planes * 4, strides)), 'relu');
}

/** The input, or `downsample` (1×1 convolution with the block's stride, batch norm) where the shape changes. */
function shortcut(net: GraphBuilder, p: string, x: Tensor, filters: number, strides: number): Tensor {
  if (strides === 1 && channelsOf(x) === filters) return x;
  return net.batchNorm(`${p}.downsample.1`, net.conv(`${p}.downsample.0`, x, { filters, kernelSize: 1, strides }));
}

function resnet(
  name: string,
  block: Block,
  layers: readonly number[],
  options?: TorchvisionModelOptions,
): tf.LayersModel {
  const { numClasses, widthDivisor, inputSize, seed, initialize } = resolveTorchvisionOptions(options);
  const net = new GraphBuilder(seed, undefined, initialize);
  const size = inputSize ?? null;
  const input = tf.input({ name: 'input', shape: [size, size, 3] });
  let x = net.activation(
    'relu',
    net.batchNorm('bn1', net.conv('conv1', input, { filters: narrowed(64, widthDivisor), kernelSize: 7, strides: 2 })),
    'relu',
  );
  // PyTorch pads the max pool with −∞; after the ReLU, zeros are the same.
  x = tf.layers.zeroPadding2d({ name: 'maxpool.pad', padding: 1 }).apply(x) as Tensor;
  x = tf.layers.maxPooling2d({ name: 'maxpool', poolSize: 3, strides: 2 }).apply(x) as Tensor;
  const makeBlock = block === 'basic' ? basicBlock : bottleneck;
  layers.forEach((blocks, stage) => {
    const planes = narrowed(64 * 2 ** stage, widthDivisor);
    for (let i = 0; i < blocks; i++)
      x = makeBlock(net, `layer${stage + 1}.${i}`, x, planes, i === 0 && stage > 0 ? 2 : 1);
  });
  const pooled = net.globalAveragePool('avgpool', x);
  const logits = net.linear('fc', pooled, numClasses);
  return tf.model({ name, inputs: input, outputs: logits });
}

/** torchvision's `resnet18`: BasicBlocks [2, 2, 2, 2]. Head `fc`. */
export const resnet18 = (options?: TorchvisionModelOptions): tf.LayersModel =>
  resnet('resnet18', 'basic', [2, 2, 2, 2], options);
/** torchvision's `resnet34`: BasicBlocks [3, 4, 6, 3]. Head `fc`. */
export const resnet34 = (options?: TorchvisionModelOptions): tf.LayersModel =>
  resnet('resnet34', 'basic', [3, 4, 6, 3], options);
/** torchvision's `resnet50`: Bottlenecks [3, 4, 6, 3] with the stride on the 3×3 (V1.5). Head `fc`. */
export const resnet50 = (options?: TorchvisionModelOptions): tf.LayersModel =>
  resnet('resnet50', 'bottleneck', [3, 4, 6, 3], options);
