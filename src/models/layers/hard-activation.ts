import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from './layer-args.js';

export type HardActivationKind = 'hardswish' | 'hardsigmoid';

export interface HardActivationArgs extends LayerArgs {
  readonly kind: HardActivationKind;
}

/**
 * PyTorch's `Hardswish` (`x · relu6(x + 3) / 6`) and `Hardsigmoid` (`relu6(x + 3) / 6`), which
 * MobileNetV3 uses. TensorFlow.js's `hardSigmoid` activation is Keras's `0.2·x + 0.5`, not this.
 */
export class HardActivation extends tf.layers.Layer {
  static readonly className = 'HardActivation';
  readonly kind: HardActivationKind;

  constructor(args: HardActivationArgs) {
    super(args);
    this.kind = args.kind;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return tf.tidy(() => {
      const gate = tf.div(tf.relu6(tf.add(x, 3)), 6);
      return this.kind === 'hardswish' ? tf.mul(x, gate) : gate;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), kind: this.kind };
  }
}
tf.serialization.registerClass(HardActivation);
