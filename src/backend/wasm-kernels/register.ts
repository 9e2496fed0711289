import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input.js';

/**
 * Kernels registered for the wasm backend so that it can train:
 * - Conv2DBackpropFilter: missing from tfjs-backend-wasm 4.22 (found by training AlexNet on it).
 * - Conv2DBackpropInput: present, but a scalar C++ loop about 10× slower than the forward
 *   convolution; replaced by an XNNPACK convolution.
 */
const TRAINING_KERNELS: readonly KernelConfig[] = [conv2DBackpropFilterConfig, conv2DBackpropInputConfig];

export const WASM_TRAINING_KERNELS: readonly string[] = TRAINING_KERNELS.map((k) => k.kernelName);

/** Idempotent; may run before or after the wasm backend initialises. */
export function registerWasmTrainingKernels(): void {
  for (const config of TRAINING_KERNELS) {
    const current = tf.getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
}
