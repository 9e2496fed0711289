import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { withKernelScope } from './kernel-scope.js';
import { transposeMatrix } from './transpose-matrix.js';
import { replacingKernel } from './replacing-kernel.js';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** True while a gradient tape records: the weights a product reads will change before it runs again. */
const weightsAboutToChange = () =>
  (tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth > 0;

/**
 * The backend's product packs its right-hand operand (XNNPACK's weights) and keeps the packing for
 * as long as that tensor lives: fast for inference, where the weights stay, but in a training
 * step the weights are new at every step and packing a dense layer's 9216×4096 weights took about
 * 15× the product itself. While a gradient tape records, a product x·W whose W is the larger
 * operand is computed as (Wᵀ·xᵀ)ᵀ, the transposes copied in JavaScript, W's transpose as the
 * left-hand operand, which is not packed. Bias and ReLU are added after; other activations, batched
 * or transposed products go to the backend's own kernel.
 */
export function makeFusedMatMulConfig(backendOwn: KernelConfig, backendOwnMatMul: KernelConfig): KernelConfig {
  function fusedMatMul(args: {
    inputs: Record<string, TensorInfo | undefined>;
    attrs: NamedAttrMap;
    backend: BackendWasm;
  }) {
    const { inputs, attrs, backend } = args;
    const a = inputs.a!;
    const b = inputs.b!;
    const { transposeA, transposeB, activation } = attrs as {
      transposeA: boolean;
      transposeB: boolean;
      activation?: string;
    };
    const unbatched = (shape: readonly number[]) => shape.length >= 2 && size(shape.slice(0, -2)) === 1;
    const supported =
      !transposeA &&
      !transposeB &&
      unbatched(a.shape) &&
      unbatched(b.shape) &&
      (activation == null || activation === 'linear' || activation === 'relu') &&
      inputs.preluActivationWeights == null;
    if (!supported || size(b.shape) <= size(a.shape) || !weightsAboutToChange()) {
      return backendOwn.kernelFunc(args) as TensorInfo;
    }
    const [m, k] = a.shape.slice(-2) as [number, number];
    const n = b.shape.at(-1)!;
    const leading = (a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2);
    return withKernelScope(backend, (scope) => {
      const bT = transposeMatrix(scope, b, k, n);
      const aT = transposeMatrix(scope, a, m, k);
      const yT = scope.call(backendOwnMatMul.kernelFunc, { a: bT, b: aT }, { transposeA: false, transposeB: false });
      let y = transposeMatrix(scope, yT, n, m);
      if (inputs.bias != null) y = scope.run('Add', { a: y, b: inputs.bias });
      if (activation === 'relu') y = scope.run('Relu', { x: y });
      return scope.run('Reshape', { x: y }, { shape: [...leading, m, n] });
    });
  }

  return replacingKernel(backendOwn, fusedMatMul);
}
