import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '../torch-init.js';
import type { LayerArgs } from './layer-args.js';

export interface GroupedConv2dArgs extends LayerArgs {
  readonly filters: number;
  readonly kernelSize: number;
  readonly groups: number;
  readonly padding?: 'same' | 'valid';
  readonly kernelInitializer?: Initializer;
  readonly biasInitializer?: Initializer;
}

/**
 * A stride-1 convolution whose input and output channels are split into `groups` independent
 * convolutions (PyTorch's `Conv2d(groups=g)`, the paper's two-GPU split): split, convolve, concat.
 * Its kernel is one `[kh, kw, in / groups, filters]` weight, PyTorch's `[filters, in / groups, kh, kw]`
 * transposed, so a PyTorch grouped checkpoint maps onto it like any convolution.
 */
export class GroupedConv2d extends tf.layers.Layer {
  static readonly className = 'GroupedConv2d';
  readonly filters: number;
  readonly kernelSize: number;
  readonly groups: number;
  readonly padding: 'same' | 'valid';
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(args: GroupedConv2dArgs) {
    super(args);
    if (args.filters % args.groups !== 0) throw new RangeError(`GroupedConv2d: filters ${args.filters} not divisible by groups ${args.groups}`);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.groups = args.groups;
    this.padding = args.padding ?? 'same';
    this.kernelInitializer = args.kernelInitializer ?? tf.initializers.zeros();
    this.biasInitializer = args.biasInitializer ?? tf.initializers.zeros();
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = (inputShape as tf.Shape)[3];
    if (channels == null || channels % this.groups !== 0) {
      throw new RangeError(`GroupedConv2d ${this.name}: input channels ${channels} not divisible by groups ${this.groups}`);
    }
    const k = this.kernelSize;
    this.kernel = this.addWeight('kernel', [k, k, channels / this.groups, this.filters], 'float32', this.kernelInitializer);
    this.bias = this.addWeight('bias', [this.filters], 'float32', this.biasInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, h, w] = inputShape as tf.Shape;
    const shrink = this.padding === 'same' ? 0 : this.kernelSize - 1;
    return [batch, h == null ? null : h - shrink, w == null ? null : w - shrink, this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.tidy(() => {
      const xs = tf.split(x, this.groups, 3);
      const kernels = tf.split(this.kernel!.read() as tf.Tensor4D, this.groups, 3);
      const outputs = xs.map((part, g) => tf.conv2d(part as tf.Tensor4D, kernels[g] as tf.Tensor4D, 1, this.padding));
      return tf.add(tf.concat(outputs, 3), this.bias!.read() as tf.Tensor1D);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, groups: this.groups, padding: this.padding };
  }
}
tf.serialization.registerClass(GroupedConv2d);
