import * as tf from '@tensorflow/tfjs';
import type { KernelConfig } from '@tensorflow/tfjs';
import { makeBatchMatMulConfig } from './batch-mat-mul.js';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input.js';
import { depthwiseConv2dNativeBackpropFilterConfig } from './depthwise-conv2d-backprop-filter.js';
import { depthwiseConv2dNativeBackpropInputConfig } from './depthwise-conv2d-backprop-input.js';
import { makeFusedMatMulConfig } from './fused-mat-mul.js';
import { makeIdentityConfig } from './identity.js';
import { maxPoolGradConfig } from './max-pool-grad.js';
import { sgdUpdateConfig, SGD_UPDATE } from './sgd-update.js';
import { makeSumConfig } from './sum.js';

/**
 * Kernels registered for the wasm backend so that it can train (see docs/backends.md):
 * - Conv2DBackpropFilter: missing from tfjs-backend-wasm 4.22 (found by training AlexNet on it).
 * - Conv2DBackpropInput: present, but a scalar C++ loop about 10× slower than the forward
 *   convolution (and AlexNet's fused first layer computes it); replaced by XNNPACK convolutions.
 * - DepthwiseConv2dNativeBackpropInput/Filter: missing (found by training the MobileNets on it).
 * - BatchMatMul: present; with a transpose flag (the dense-layer gradients) about 12× slower than
 *   without; replaced by one that transposes the smaller operands first.
 * - _FusedMatMul: present; while a gradient tape records, a dense layer's forward product with
 *   its larger operand kept unpacked (the backend repacks new weights at every training step).
 * - MaxPoolGrad: present, about 15× the pooling; replaced by one pass over the windows.
 * - Sum: present; over every axis but the last (bias gradients) one pass over the rows instead.
 * - Identity: present, but copies; the tape clones each tensor it saves. Shares the memory instead.
 * - RxtrainSgdUpdate: rxtrain's own; an SGD step of one parameter tensor in one pass instead of
 *   four or more elementwise kernels (src/train/optim/sgd-parameter-update.ts uses it when registered).
 */
export const WASM_TRAINING_KERNELS: readonly string[] = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'BatchMatMul',
  '_FusedMatMul',
  'MaxPoolGrad',
  'Sum',
  'Identity',
  SGD_UPDATE,
];

let registered = false;

function replace(config: KernelConfig): void {
  if (tf.getKernel(config.kernelName, 'wasm') !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
  tf.registerKernel(config);
}

/** Idempotent. Before or after the wasm backend initialises: the wrapped BatchMatMul keeps its setup. */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  const backendOwnMatMul = tf.getKernel('BatchMatMul', 'wasm');
  const backendOwnFusedMatMul = tf.getKernel('_FusedMatMul', 'wasm');
  const backendOwnSum = tf.getKernel('Sum', 'wasm');
  const backendOwnIdentity = tf.getKernel('Identity', 'wasm');
  if (
    backendOwnMatMul === undefined ||
    backendOwnFusedMatMul === undefined ||
    backendOwnSum === undefined ||
    backendOwnIdentity === undefined
  ) {
    throw new Error('the wasm backend has no BatchMatMul, _FusedMatMul, Sum or Identity kernel to wrap');
  }
  replace(conv2DBackpropFilterConfig);
  replace(conv2DBackpropInputConfig);
  replace(depthwiseConv2dNativeBackpropInputConfig);
  replace(depthwiseConv2dNativeBackpropFilterConfig);
  replace(makeBatchMatMulConfig(backendOwnMatMul));
  replace(makeFusedMatMulConfig(backendOwnFusedMatMul, backendOwnMatMul));
  replace(maxPoolGradConfig);
  replace(makeSumConfig(backendOwnSum));
  replace(makeIdentityConfig(backendOwnIdentity));
  replace(sgdUpdateConfig);
}
