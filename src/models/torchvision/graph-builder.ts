import * as tf from '@tensorflow/tfjs';
import { BatchNorm2d } from '../layers/batch-norm-2d.js';
import { HardActivation } from '../layers/hard-activation.js';
import { layerSeed, torchDefaultInit } from '../torch-init.js';

export type Activation = 'relu' | 'relu6' | 'hardswish' | 'hardsigmoid' | null;

export interface ConvSpec {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides?: number;
  /** A depthwise convolution (`groups = channels`). */
  readonly depthwise?: boolean;
  readonly useBias?: boolean;
}

export interface BatchNormSpec {
  readonly eps: number;
  readonly momentum: number;
}

type Tensor = tf.SymbolicTensor;

const channelsOf = (x: Tensor): number => x.shape[3]!;

/**
 * Applies torchvision-named layers to symbolic tensors for the functional models (ResNet,
 * MobileNet). Convolutions pad as PyTorch does, `(k − 1) / 2` on every side: `same` for stride 1,
 * an explicit `<name>.pad` zero padding otherwise, since TensorFlow's `same` pads a strided
 * convolution's right and bottom only. Weights start as torchvision initialises these models:
 * convolutions Kaiming-normal over fan-out, batch norms 1 and 0; each layer seeded in turn.
 */
export class GraphBuilder {
  private weighted = 0;

  constructor(
    readonly seed: number | undefined,
    readonly normSpec: BatchNormSpec = { eps: 1e-5, momentum: 0.1 },
    readonly initialize = true,
  ) {}

  private nextSeed(): number | undefined {
    return layerSeed(this.seed, this.weighted++);
  }

  conv(
    name: string,
    x: Tensor,
    { filters, kernelSize, strides = 1, depthwise = false, useBias = false }: ConvSpec,
  ): Tensor {
    const pad = (kernelSize - 1) / 2;
    let input = x;
    if (strides > 1 && pad > 0)
      input = tf.layers.zeroPadding2d({ name: `${name}.pad`, padding: pad }).apply(x) as Tensor;
    const padding = strides === 1 ? 'same' : 'valid';
    const seed = this.nextSeed();
    const fanOut = filters * kernelSize * kernelSize;
    const init = this.initialize
      ? tf.initializers.randomNormal({
          mean: 0,
          stddev: Math.sqrt(2 / fanOut),
          ...(seed === undefined ? {} : { seed }),
        })
      : tf.initializers.zeros();
    const layer = depthwise
      ? tf.layers.depthwiseConv2d({
          name,
          kernelSize,
          strides,
          padding,
          useBias,
          depthMultiplier: 1,
          depthwiseInitializer: init,
        })
      : tf.layers.conv2d({
          name,
          filters,
          kernelSize,
          strides,
          padding,
          useBias,
          kernelInitializer: init,
          biasInitializer: 'zeros',
        });
    return layer.apply(input) as Tensor;
  }

  batchNorm(name: string, x: Tensor): Tensor {
    return new BatchNorm2d({ name, ...this.normSpec }).apply(x) as Tensor;
  }

  activation(name: string, x: Tensor, kind: Activation): Tensor {
    if (kind === null) return x;
    if (kind === 'hardswish' || kind === 'hardsigmoid') return new HardActivation({ name, kind }).apply(x) as Tensor;
    return tf.layers.reLU({ name, ...(kind === 'relu6' ? { maxValue: 6 } : {}) }).apply(x) as Tensor;
  }

  /** torchvision's `Conv2dNormActivation`: `<name>.0` convolution, `<name>.1` batch norm, `<name>.2` activation. */
  convNormActivation(name: string, x: Tensor, spec: ConvSpec, kind: Activation): Tensor {
    const depthwise = spec.depthwise ? { filters: channelsOf(x) } : {};
    const conv = this.conv(`${name}.0`, x, { ...spec, ...depthwise });
    return this.activation(`${name}.2`, this.batchNorm(`${name}.1`, conv), kind);
  }

  add(name: string, a: Tensor, b: Tensor): Tensor {
    return tf.layers.add({ name }).apply([a, b]) as Tensor;
  }

  multiply(name: string, a: Tensor, b: Tensor): Tensor {
    return tf.layers.multiply({ name }).apply([a, b]) as Tensor;
  }

  /** `AdaptiveAvgPool2d(1)` and `flatten`: `[n, h, w, c] → [n, c]`. */
  globalAveragePool(name: string, x: Tensor): Tensor {
    return tf.layers.globalAveragePooling2d({ name }).apply(x) as Tensor;
  }

  /** A linear layer, PyTorch's default initialisation unless `normalStd` asks for N(0, std²) weights and zero biases. */
  linear(name: string, x: Tensor, units: number, normalStd?: number): Tensor {
    const seed = this.nextSeed();
    const init = !this.initialize
      ? { kernelInitializer: tf.initializers.zeros(), biasInitializer: tf.initializers.zeros() }
      : normalStd === undefined
        ? torchDefaultInit(x.shape[1]!, seed)
        : {
            kernelInitializer: tf.initializers.randomNormal({
              mean: 0,
              stddev: normalStd,
              ...(seed === undefined ? {} : { seed }),
            }),
            biasInitializer: tf.initializers.zeros(),
          };
    return tf.layers.dense({ name, units, ...init }).apply(x) as Tensor;
  }

  dropout(name: string, x: Tensor, rate: number): Tensor {
    return tf.layers.dropout({ name, rate }).apply(x) as Tensor;
  }
}

export { channelsOf };
