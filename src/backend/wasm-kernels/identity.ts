import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { replacingKernel } from './replacing-kernel.js';

/**
 * Identity as a new reference to the same memory, as the backend's Reshape already is; its own
 * kernel copies. A gradient tape clones every tensor it saves (a dense layer's 9216×4096 weights,
 * each convolution's input and output), so the copies were about 5 % of a training step. Sharing
 * is safe because no kernel writes into its inputs. Strings go to the backend's kernel.
 */
export function makeIdentityConfig(backendOwn: KernelConfig): KernelConfig {
  function identity(args: { inputs: { x: TensorInfo }; backend: BackendWasm }): TensorInfo {
    const { inputs, backend } = args;
    const { x } = inputs;
    if (x.dtype === 'string') return backendOwn.kernelFunc(args) as TensorInfo;
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  }

  return replacingKernel(backendOwn, identity);
}
