import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from './layer-args.js';

export interface BatchNorm2dArgs extends LayerArgs {
  /** Added to the variance before its square root. PyTorch's default 1e-5 (MobileNetV3: 1e-3). */
  readonly eps?: number;
  /** PyTorch's convention: `running = (1 − momentum)·running + momentum·batch`. Default 0.1 (MobileNetV3: 0.01). */
  readonly momentum?: number;
  /** Always normalise with the running statistics and never update them, in training too. */
  readonly frozen?: boolean;
}

/**
 * `torch.nn.BatchNorm2d` for NHWC tensors, with PyTorch's semantics rather than TensorFlow's:
 * training normalises with the batch's mean and biased variance and updates `running_mean` and
 * `running_var` (the unbiased variance) by `momentum`, and counts `num_batches_tracked`; inference
 * (and a frozen layer) normalises with the running statistics. Weights, in PyTorch's order:
 * `gamma` (weight), `beta` (bias), `moving_mean`, `moving_variance`, `num_batches_tracked`; the
 * last three are not trainable and are written outside any gradient.
 */
export class BatchNorm2d extends tf.layers.Layer {
  static readonly className = 'BatchNorm2d';
  readonly eps: number;
  readonly momentum: number;
  frozen: boolean;
  private gamma: tf.LayerVariable | undefined;
  private beta: tf.LayerVariable | undefined;
  private movingMean: tf.LayerVariable | undefined;
  private movingVariance: tf.LayerVariable | undefined;
  private batchesTracked: tf.LayerVariable | undefined;

  constructor(args: BatchNorm2dArgs = {}) {
    super(args);
    this.eps = args.eps ?? 1e-5;
    this.momentum = args.momentum ?? 0.1;
    this.frozen = args.frozen ?? false;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = (inputShape as tf.Shape)[3];
    if (channels == null) throw new RangeError(`BatchNorm2d ${this.name}: the input's channels must be known`);
    this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    this.movingMean = this.addWeight('moving_mean', [channels], 'float32', tf.initializers.zeros(), undefined, false);
    this.movingVariance = this.addWeight(
      'moving_variance',
      [channels],
      'float32',
      tf.initializers.ones(),
      undefined,
      false,
    );
    this.batchesTracked = this.addWeight(
      'num_batches_tracked',
      [],
      'float32',
      tf.initializers.zeros(),
      undefined,
      false,
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    const gamma = this.gamma!.read();
    const beta = this.beta!.read();
    if (kwargs.training !== true || this.frozen) {
      return tf.tidy(() => {
        const scale = tf.mul(gamma, tf.rsqrt(tf.add(this.movingVariance!.read(), this.eps)));
        return tf.add(tf.mul(tf.sub(x, this.movingMean!.read()), scale), beta);
      });
    }
    const count = x.size / x.shape[3];
    if (count < 2)
      throw new RangeError(
        `BatchNorm2d ${this.name}: training needs more than one value per channel, got input [${x.shape.join(', ')}]`,
      );
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    const y = tf.tidy(() => tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.eps))), gamma), beta));
    this.updateRunningStatistics(mean, variance, count);
    tf.dispose([mean, variance]);
    return y;
  }

  /** `running = (1 − m)·running + m·batch`, the variance unbiased (× n / (n − 1)), as PyTorch does. */
  private updateRunningStatistics(mean: tf.Tensor, variance: tf.Tensor, count: number): void {
    const m = this.momentum;
    tf.tidy(() => {
      const unbiased = tf.mul(variance, count / (count - 1));
      this.movingMean!.write(tf.add(tf.mul(this.movingMean!.read(), 1 - m), tf.mul(mean, m)));
      this.movingVariance!.write(tf.add(tf.mul(this.movingVariance!.read(), 1 - m), tf.mul(unbiased, m)));
      this.batchesTracked!.write(tf.add(this.batchesTracked!.read(), 1));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), eps: this.eps, momentum: this.momentum, frozen: this.frozen };
  }
}
tf.serialization.registerClass(BatchNorm2d);
