import * as tf from '@tensorflow/tfjs';

/** A TensorFlow.js layers weight initializer (the type the `tf.initializers` factories return). */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

export interface Initializers {
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
}

/**
 * PyTorch's default `Conv2d`/`Linear` initialisation (kaiming_uniform with a = √5): weights and
 * biases both uniform in ±1/√fanIn. `seed` makes the draw reproducible.
 */
export function torchDefaultInit(fanIn: number, seed?: number): Initializers {
  const bound = 1 / Math.sqrt(fanIn);
  return {
    kernelInitializer: tf.initializers.varianceScaling({
      scale: 1 / 3,
      mode: 'fanIn',
      distribution: 'uniform',
      ...seeded(seed, 0),
    }),
    biasInitializer: tf.initializers.randomUniform({ minval: -bound, maxval: bound, ...seeded(seed, 1) }),
  };
}

/** The 2012 paper's initialisation: weights N(0, 0.01²), biases constant (1 or 0). */
export function paperInit(bias: 0 | 1, seed?: number): Initializers {
  return {
    kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.01, ...seeded(seed, 0) }),
    biasInitializer: tf.initializers.constant({ value: bias }),
  };
}

/** Distinct per-layer seeds from one model seed: `layerSeed(seed, 3)` for the fourth weighted layer. */
export function layerSeed(seed: number | undefined, layerIndex: number): number | undefined {
  return seed === undefined ? undefined : seed * 1009 + layerIndex * 17;
}

function seeded(seed: number | undefined, offset: number): { seed?: number } {
  return seed === undefined ? {} : { seed: seed + offset };
}
