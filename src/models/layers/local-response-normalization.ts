import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from './layer-args.js';

export interface LocalResponseNormalizationArgs extends LayerArgs {
  /** Half-width of the channel window: n = 2·depthRadius + 1 (the paper's n = 5). */
  readonly depthRadius?: number;
  /** The paper's k. */
  readonly bias?: number;
  /** The paper's α, applied to the plain sum of squares (TensorFlow's semantics, not PyTorch's α/n). */
  readonly alpha?: number;
  readonly beta?: number;
}

/** Local response normalisation across channels: x / (k + α Σ x²)^β over a window of 2r+1 channels. */
export class LocalResponseNormalization extends tf.layers.Layer {
  static readonly className = 'LocalResponseNormalization';
  readonly depthRadius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(args: LocalResponseNormalizationArgs = {}) {
    super(args);
    const { depthRadius = 2, bias = 2, alpha = 1e-4, beta = 0.75 } = args;
    this.depthRadius = depthRadius;
    this.bias = bias;
    this.alpha = alpha;
    this.beta = beta;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.localResponseNormalization(x, this.depthRadius, this.bias, this.alpha, this.beta);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), depthRadius: this.depthRadius, bias: this.bias, alpha: this.alpha, beta: this.beta };
  }
}
tf.serialization.registerClass(LocalResponseNormalization);
