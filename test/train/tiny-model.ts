import * as tf from '@tensorflow/tfjs';

export interface TinyModelOptions {
  readonly size?: number;
  readonly classes?: number;
  readonly dropout?: number;
  readonly seed?: number;
}

/** A small convolutional classifier with torchvision-style layer names (`features.0`, `classifier.2`). */
export function tinyModel({ size = 16, classes = 2, dropout = 0.5, seed = 1 }: TinyModelOptions = {}): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed * 100 + offset });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        name: 'features.0',
        inputShape: [size, size, 3],
        filters: 4,
        kernelSize: 3,
        strides: 2,
        activation: 'relu',
        kernelInitializer: init(0),
      }),
      tf.layers.maxPooling2d({ name: 'features.2', poolSize: 2, strides: 2 }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dropout({ name: 'classifier.0', rate: dropout }),
      tf.layers.dense({ name: 'classifier.1', units: 8, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dense({ name: 'classifier.3', units: classes, kernelInitializer: init(2) }),
    ],
  });
}
