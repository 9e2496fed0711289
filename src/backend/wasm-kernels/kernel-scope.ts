import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Runs wasm kernels from inside another kernel. Calling a kernel function directly (not through
 * `tf.engine().runKernel`) records nothing on the gradient tape and makes no `tf.Tensor`: every
 * result is a `TensorInfo` the wasm backend owns. The scope frees each result on `dispose()`,
 * except the one handed out with `keep()`.
 */
export class WasmKernelScope {
  private readonly made: TensorInfo[] = [];
  private kept: TensorInfo | undefined;

  constructor(readonly backend: BackendWasm) {}

  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = tf.getKernel(kernelName, 'wasm');
    if (kernel === undefined) throw new Error(`the wasm backend has no '${kernelName}' kernel`);
    return this.call(kernel.kernelFunc, inputs, attrs);
  }

  /** Runs a kernel function held directly (e.g. the backend's own kernel that one of ours replaced). */
  call(kernelFunc: KernelFunc, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const out = kernelFunc({ inputs, attrs, backend: this.backend }) as TensorInfo;
    this.made.push(out);
    return out;
  }

  /** A new float32 tensor of the backend with uninitialised memory, freed with the scope. */
  output(shape: number[]): TensorInfo {
    const out = this.backend.makeOutput(shape, 'float32');
    this.made.push(out);
    return out;
  }

  /** Frees one intermediate now (e.g. a chunk's product) instead of at the end. */
  release(info: TensorInfo): void {
    const at = this.made.indexOf(info);
    if (at < 0) return;
    this.made.splice(at, 1);
    this.backend.disposeData(info.dataId);
  }

  keep(result: TensorInfo): TensorInfo {
    this.kept = result;
    return result;
  }

  /** Frees every intermediate. A reshape shares its input's buffer, so each is released once, by reference count. */
  dispose(): void {
    for (const info of this.made) if (info !== this.kept) this.backend.disposeData(info.dataId);
    this.made.length = 0;
  }
}

/** Runs `body` in a fresh scope and frees everything it made but its result, even when it throws. */
export function withKernelScope(backend: BackendWasm, body: (scope: WasmKernelScope) => TensorInfo): TensorInfo {
  const scope = new WasmKernelScope(backend);
  try {
    return scope.keep(body(scope));
  } finally {
    scope.dispose();
  }
}
