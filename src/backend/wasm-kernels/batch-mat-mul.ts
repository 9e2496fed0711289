import type { BatchMatMulAttrs, BatchMatMulInputs, KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { WasmKernelScope } from './kernel-scope.js';
import { withKernelScope } from './kernel-scope.js';
import { replacingKernel } from './replacing-kernel.js';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const batchSize = (shape: readonly number[]) => size(shape.slice(0, -2));

/**
 * The backend's BatchMatMul is fast (XNNPACK) only without transpose flags, yet the gradients of a
 * dense layer use them: dW = xᵀ·dy and dx = dy·Wᵀ ran about 12× slower than the forward product.
 * For an unbatched product, this one moves the transposition onto whichever operands are small:
 * either op(A)·op(B) with explicit transposes, or (op(B)ᵀ·op(A)ᵀ)ᵀ, where a flag that was set
 * makes the stored operand already the layout needed. The cost counted is the floats copied or
 * packed by XNNPACK (the right-hand operand is packed on every call with new weights).
 */
export function makeBatchMatMulConfig(backendOwn: KernelConfig): KernelConfig {
  const product = (scope: WasmKernelScope, a: TensorInfo, b: TensorInfo) =>
    scope.call(backendOwn.kernelFunc, { a, b }, { transposeA: false, transposeB: false });

  function batchMatMul(args: { inputs: BatchMatMulInputs; attrs: BatchMatMulAttrs; backend: BackendWasm }) {
    const { inputs, attrs, backend } = args;
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const { transposeA, transposeB } = attrs;
    if ((!transposeA && !transposeB) || batchSize(a.shape) !== 1 || batchSize(b.shape) !== 1) {
      return backendOwn.kernelFunc(args as never) as TensorInfo;
    }
    const [aRows, aCols] = a.shape.slice(-2) as [number, number];
    const [bRows, bCols] = b.shape.slice(-2) as [number, number];
    const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
    const n = transposeB ? bRows : bCols;
    const leading = (a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2);

    const asIs = k * n + (transposeA ? m * k : 0) + (transposeB ? k * n : 0);
    const swapped = k * m + (transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + m * n;

    return withKernelScope(backend, (scope) => {
      const matrix = (x: TensorInfo, rows: number, cols: number) =>
        scope.run('Reshape', { x }, { shape: [1, rows, cols] });
      const transposed = (x: TensorInfo, rows: number, cols: number) =>
        scope.run('Transpose', { x: matrix(x, rows, cols) }, { perm: [0, 2, 1] });
      let c: TensorInfo;
      if (asIs <= swapped) {
        const left = transposeA ? transposed(a, k, m) : matrix(a, m, k);
        const right = transposeB ? transposed(b, n, k) : matrix(b, k, n);
        c = product(scope, left, right);
      } else {
        const left = transposeB ? matrix(b, n, k) : transposed(b, k, n);
        const right = transposeA ? matrix(a, k, m) : transposed(a, m, k);
        c = scope.run('Transpose', { x: product(scope, left, right) }, { perm: [0, 2, 1] });
      }
      return scope.run('Reshape', { x: c }, { shape: [...leading, m, n] });
    });
  }

  return replacingKernel(backendOwn, batchMatMul);
}
