import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '../torch-init.js';
import type { LayerArgs } from './layer-args.js';

export interface ConvThenBiasArgs extends LayerArgs {
  readonly filters: number;
  readonly kernelSize: number;
  readonly padding?: 'same' | 'valid';
  readonly kernelInitializer?: Initializer;
  readonly biasInitializer?: Initializer;
}

/**
 * A square-kernel convolution computed by a subclass's `convolve`, then its bias: weights
 * `kernel` `[kh, kw, in / groups, filters]` and `bias` `[filters]`, named and laid out as
 * `tf.layers.conv2d`'s, so PyTorch checkpoints map onto it like any convolution.
 */
export abstract class ConvThenBias extends tf.layers.Layer {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: 'same' | 'valid';
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(args: ConvThenBiasArgs, strides: number, defaultPadding: 'same' | 'valid') {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = strides;
    this.padding = args.padding ?? defaultPadding;
    this.kernelInitializer = args.kernelInitializer ?? tf.initializers.zeros();
    this.biasInitializer = args.biasInitializer ?? tf.initializers.zeros();
  }

  /** Input channels per kernel slice (`in / groups`); throws when the input does not fit. */
  protected abstract kernelChannels(inputChannels: number | null): number;
  protected abstract convolve(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const k = this.kernelSize;
    const channels = this.kernelChannels((inputShape as tf.Shape)[3] ?? null);
    this.kernel = this.addWeight('kernel', [k, k, channels, this.filters], 'float32', this.kernelInitializer);
    this.bias = this.addWeight('bias', [this.filters], 'float32', this.biasInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, h, w] = inputShape as tf.Shape;
    const out = (size: number | null | undefined) =>
      size == null
        ? null
        : this.padding === 'same'
          ? Math.ceil(size / this.strides)
          : Math.floor((size - this.kernelSize) / this.strides) + 1;
    return [batch ?? null, out(h), out(w), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.tidy(() =>
      tf.add(this.convolve(x, this.kernel!.read() as tf.Tensor4D), this.bias!.read() as tf.Tensor1D),
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, padding: this.padding };
  }
}
