import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';

/** The wasm kernel config that puts `kernelFunc` (which may call `backendOwn`'s) in place of `backendOwn`, keeping its setup. */
export function replacingKernel(backendOwn: KernelConfig, kernelFunc: (args: never) => unknown): KernelConfig {
  return {
    kernelName: backendOwn.kernelName,
    backendName: 'wasm',
    kernelFunc: kernelFunc as unknown as KernelFunc,
    ...(backendOwn.setupFunc ? { setupFunc: backendOwn.setupFunc } : {}),
  };
}
