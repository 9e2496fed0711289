import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '../torch-init.js';
import type { LayerArgs } from './layer-args.js';

export interface InputConv2dArgs extends LayerArgs {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding?: 'same' | 'valid';
  readonly kernelInitializer?: Initializer;
  readonly biasInitializer?: Initializer;
}

/**
 * A network's first convolution, as a convolution and then the bias instead of TensorFlow.js's
 * fused convolution, whose gradient computes the gradient of every input: the image's too, which
 * nothing uses and which costs a strided transposed convolution per step. Here the gradient tape
 * asks only for the kernel's and the bias's. Same weights (`kernel` `[kh, kw, in, filters]`,
 * `bias`) and outputs as `tf.layers.conv2d`.
 */
export class InputConv2d extends tf.layers.Layer {
  static readonly className = 'InputConv2d';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: 'same' | 'valid';
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(args: InputConv2dArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides;
    this.padding = args.padding ?? 'valid';
    this.kernelInitializer = args.kernelInitializer ?? tf.initializers.zeros();
    this.biasInitializer = args.biasInitializer ?? tf.initializers.zeros();
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = (inputShape as tf.Shape)[3];
    if (channels == null) throw new RangeError(`InputConv2d ${this.name}: the input's channels must be known`);
    const k = this.kernelSize;
    this.kernel = this.addWeight('kernel', [k, k, channels, this.filters], 'float32', this.kernelInitializer);
    this.bias = this.addWeight('bias', [this.filters], 'float32', this.biasInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, h, w] = inputShape as tf.Shape;
    const out = (size: number | null) =>
      size == null ? null : this.padding === 'same' ? Math.ceil(size / this.strides) : Math.floor((size - this.kernelSize) / this.strides) + 1;
    return [batch, out(h), out(w), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.tidy(() => tf.add(tf.conv2d(x, this.kernel!.read() as tf.Tensor4D, this.strides, this.padding), this.bias!.read() as tf.Tensor1D));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, strides: this.strides, padding: this.padding };
  }
}
tf.serialization.registerClass(InputConv2d);
