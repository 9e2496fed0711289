import * as tf from '@tensorflow/tfjs';
import { ConvThenBias, type ConvThenBiasArgs } from './conv-then-bias.js';

export interface InputConv2dArgs extends ConvThenBiasArgs {
  readonly strides: number;
}

/**
 * A network's first convolution, as a convolution and then the bias instead of TensorFlow.js's
 * fused convolution, whose gradient computes the gradient of every input: the image's too, which
 * nothing uses and which costs a strided transposed convolution per step. Here the gradient tape
 * asks only for the kernel's and the bias's. Same weights and outputs as `tf.layers.conv2d`.
 */
export class InputConv2d extends ConvThenBias {
  static readonly className = 'InputConv2d';

  constructor(args: InputConv2dArgs) {
    super(args, args.strides, 'valid');
  }

  protected override kernelChannels(channels: number | null): number {
    if (channels == null) throw new RangeError(`InputConv2d ${this.name}: the input's channels must be known`);
    return channels;
  }

  protected override convolve(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor {
    return tf.conv2d(x, kernel, this.strides, this.padding);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), strides: this.strides };
  }
}
tf.serialization.registerClass(InputConv2d);
