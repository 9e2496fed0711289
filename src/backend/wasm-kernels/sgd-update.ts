import { util } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelInputError } from '../errors.js';
import { SGD_UPDATE_WASM } from './sgd-update-binary.js';
import { backendModuleExports } from './wasm-module.js';

export const SGD_UPDATE = 'RxtrainSgdUpdate';

/** PyTorch's SGD hyper-parameters for one update; every one is applied as a float32 number. */
export interface SgdUpdateAttrs {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
}

type SgdUpdateFunction = (
  parameter: number,
  gradient: number,
  buffer: number,
  newParameter: number,
  newBuffer: number,
  size: number,
  lr: number,
  momentum: number,
  keep: number,
  weightDecay: number,
  flags: number,
) => void;

const WEIGHT_DECAY = 1;
const MOMENTUM = 2;
const FIRST = 4;
const DAMPENING = 8;
const NESTEROV = 16;

/** sgd-update.wat over the backend's memory; undefined where it cannot be instantiated. */
const sgdUpdateFunction = (backend: BackendWasm) =>
  backendModuleExports(backend, SGD_UPDATE_WASM)?.sgdUpdate as SgdUpdateFunction | undefined;

/** Whether the fused update can run on this backend. */
export const canRunSgdUpdate = (backend: BackendWasm): boolean => sgdUpdateFunction(backend) !== undefined;

/**
 * One SGD step of one parameter tensor in one pass (sgd-update.wat): `d = g + wd·p`; the momentum
 * buffer is `d` when there is none yet (the first step), else `μ·buf + (1 − dampening)·d`;
 * `d = d + μ·buf` (Nesterov) or `buf`; `p − lr·d`. Outputs [parameter] without momentum, else
 * [parameter, buffer]. Each product and sum is one float32 operation where the tf-op path (one
 * kernel per operation) has one, and terms the tf-op path leaves out (weight decay 0, dampening 0)
 * are left out here too, so the results are the same bits. Inputs are only read: tensors are
 * immutable and may share memory.
 */
function sgdUpdate(args: {
  inputs: { parameter: TensorInfo; gradient: TensorInfo; buffer?: TensorInfo };
  attrs: SgdUpdateAttrs;
  backend: BackendWasm;
}): TensorInfo[] {
  const { inputs, attrs, backend } = args;
  const { parameter, gradient, buffer } = inputs;
  for (const [name, info] of Object.entries(inputs)) {
    if (info === undefined) continue;
    if (info.dtype !== 'float32' || !util.arraysEqual(info.shape, parameter.shape)) {
      throw new UnsupportedKernelInputError(
        SGD_UPDATE,
        `${name} must be float32 of the parameter's shape [${parameter.shape}], got ${info.dtype} [${info.shape}]`,
      );
    }
  }
  const run = sgdUpdateFunction(backend);
  if (run === undefined)
    throw new UnsupportedKernelInputError(
      SGD_UPDATE,
      'this build of the backend cannot run it (no SIMD or no reachable memory)',
    );
  const withMomentum = attrs.momentum !== 0;
  const flags =
    (attrs.weightDecay !== 0 ? WEIGHT_DECAY : 0) |
    (withMomentum ? MOMENTUM : 0) |
    (buffer === undefined ? FIRST : 0) |
    (attrs.dampening !== 0 ? DAMPENING : 0) |
    (attrs.nesterov ? NESTEROV : 0);
  const newParameter = backend.makeOutput([...parameter.shape], 'float32');
  const newBuffer = withMomentum ? backend.makeOutput([...parameter.shape], 'float32') : undefined;
  const address = (info: TensorInfo | undefined) =>
    info === undefined ? 0 : backend.dataIdMap.get(info.dataId).memoryOffset;
  run(
    address(parameter),
    address(gradient),
    address(buffer),
    address(newParameter),
    address(newBuffer),
    util.sizeFromShape(parameter.shape),
    attrs.lr,
    attrs.momentum,
    1 - attrs.dampening,
    attrs.weightDecay,
    flags,
  );
  return newBuffer === undefined ? [newParameter] : [newParameter, newBuffer];
}

export const sgdUpdateConfig: KernelConfig = {
  kernelName: SGD_UPDATE,
  backendName: 'wasm',
  kernelFunc: sgdUpdate as unknown as KernelFunc,
};
