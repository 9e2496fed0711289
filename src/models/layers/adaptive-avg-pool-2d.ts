import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from './layer-args.js';

export interface AdaptiveAvgPool2dArgs extends LayerArgs {
  readonly outputSize: number;
}

/** PyTorch's adaptive pooling bins for `inSize → outSize`: bin i covers [floor(i·in/out), ceil((i+1)·in/out)). */
export function adaptiveBins(inSize: number, outSize: number): Array<readonly [start: number, end: number]> {
  return Array.from(
    { length: outSize },
    (_, i) => [Math.floor((i * inSize) / outSize), Math.ceil(((i + 1) * inSize) / outSize)] as const,
  );
}

/** `[outSize, inSize]` matrix whose row i averages the inputs of bin i. */
function binMatrix(inSize: number, outSize: number): Float32Array {
  const matrix = new Float32Array(outSize * inSize);
  adaptiveBins(inSize, outSize).forEach(([start, end], i) => {
    for (let j = start; j < end; j++) matrix[i * inSize + j] = 1 / (end - start);
  });
  return matrix;
}

/**
 * `torch.nn.AdaptiveAvgPool2d` for NHWC tensors, with PyTorch's exact (possibly overlapping) bins.
 * The pooling is one matrix product with a constant averaging matrix, so it has gradients; an input
 * that is already `outputSize × outputSize` passes through unchanged.
 */
export class AdaptiveAvgPool2d extends tf.layers.Layer {
  static readonly className = 'AdaptiveAvgPool2d';
  readonly outputSize: number;

  constructor(args: AdaptiveAvgPool2dArgs) {
    super(args);
    this.outputSize = args.outputSize;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch = null, , , channels = null] = inputShape as tf.Shape;
    return [batch, this.outputSize, this.outputSize, channels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    const [n, h, w, c] = x.shape;
    const size = this.outputSize;
    if (h === size && w === size) return x.clone();
    return tf.tidy(() => {
      const rows = tf.tensor2d(binMatrix(h, size), [size, h]);
      const cols = tf.tensor2d(binMatrix(w, size), [size, w]);
      // [n, h, w, c] → [h, w·n·c]: pool the rows, then bring w to the front and pool the columns.
      const byRow = tf.matMul(rows, x.transpose([1, 2, 0, 3]).reshape([h, w * n * c]));
      const byCol = tf.matMul(
        cols,
        byRow
          .reshape([size, w, n * c])
          .transpose([1, 0, 2])
          .reshape([w, size * n * c]),
      );
      // byCol is [size(w), size(h), n, c]
      return byCol.reshape([size, size, n, c]).transpose([2, 1, 0, 3]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), outputSize: this.outputSize };
  }
}
tf.serialization.registerClass(AdaptiveAvgPool2d);
