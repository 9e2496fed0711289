import type * as tf from '@tensorflow/tfjs';

/** The base options every TensorFlow.js layer takes (`name`, `trainable`, `inputShape`, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
