import * as tf from '@tensorflow/tfjs';
import { ConvThenBias, type ConvThenBiasArgs } from './conv-then-bias.js';

export interface GroupedConv2dArgs extends ConvThenBiasArgs {
  readonly groups: number;
}

/**
 * A stride-1 convolution whose input and output channels are split into `groups` independent
 * convolutions (PyTorch's `Conv2d(groups=g)`, the paper's two-GPU split): split, convolve, concat.
 * Its kernel is one `[kh, kw, in / groups, filters]` weight, PyTorch's `[filters, in / groups, kh, kw]`
 * transposed, so a PyTorch grouped checkpoint maps onto it like any convolution.
 */
export class GroupedConv2d extends ConvThenBias {
  static readonly className = 'GroupedConv2d';
  readonly groups: number;

  constructor(args: GroupedConv2dArgs) {
    super(args, 1, 'same');
    if (args.filters % args.groups !== 0)
      throw new RangeError(`GroupedConv2d: filters ${args.filters} not divisible by groups ${args.groups}`);
    this.groups = args.groups;
  }

  protected override kernelChannels(channels: number | null): number {
    if (channels == null || channels % this.groups !== 0) {
      throw new RangeError(
        `GroupedConv2d ${this.name}: input channels ${channels} not divisible by groups ${this.groups}`,
      );
    }
    return channels / this.groups;
  }

  protected override convolve(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor {
    const xs = tf.split(x, this.groups, 3);
    const kernels = tf.split(kernel, this.groups, 3);
    return tf.concat(
      xs.map((part, g) => tf.conv2d(part as tf.Tensor4D, kernels[g] as tf.Tensor4D, 1, this.padding)),
      3,
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groups: this.groups };
  }
}
tf.serialization.registerClass(GroupedConv2d);
