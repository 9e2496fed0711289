import { util } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { UnsupportedKernelInputError } from '../errors.js';
import { SGD_UPDATE_WASM_SHARED, SGD_UPDATE_WASM_UNSHARED } from './sgd-update-binary.js';

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
  parameter: number, gradient: number, buffer: number, newParameter: number, newBuffer: number, size: number,
  lr: number, momentum: number, keep: number, weightDecay: number, flags: number,
) => void;

const WEIGHT_DECAY = 1;
const MOMENTUM = 2;
const FIRST = 4;
const DAMPENING = 8;
const NESTEROV = 16;

/** The little of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
const { Module, Instance } = (globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  };
}).WebAssembly;

const instances = new WeakMap<WasmMemory, SgdUpdateFunction | undefined>();

/** The backend's memory: imported by the multithreaded build, exported by the single-threaded one. */
function backendMemory(backend: BackendWasm): WasmMemory | undefined {
  const module = backend.wasm as unknown as { wasmMemory?: WasmMemory; asm?: { memory?: WasmMemory } };
  return module.wasmMemory ?? module.asm?.memory;
}

/** sgd-update.wat instantiated over the backend's memory; undefined where that cannot be (no SIMD, memory not reachable). */
function sgdUpdateFunction(backend: BackendWasm): SgdUpdateFunction | undefined {
  const memory = backendMemory(backend);
  if (memory === undefined) return undefined;
  if (!instances.has(memory)) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    try {
      const bytes = Buffer.from(shared ? SGD_UPDATE_WASM_SHARED : SGD_UPDATE_WASM_UNSHARED, 'base64');
      const instance = new Instance(new Module(bytes), { tfjs: { memory } });
      instances.set(memory, instance.exports.sgdUpdate as SgdUpdateFunction);
    } catch {
      instances.set(memory, undefined);
    }
  }
  return instances.get(memory);
}

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
  if (run === undefined) throw new UnsupportedKernelInputError(SGD_UPDATE, 'this build of the backend cannot run it (no SIMD or no reachable memory)');
  const withMomentum = attrs.momentum !== 0;
  const flags =
    (attrs.weightDecay !== 0 ? WEIGHT_DECAY : 0) |
    (withMomentum ? MOMENTUM : 0) |
    (buffer === undefined ? FIRST : 0) |
    (attrs.dampening !== 0 ? DAMPENING : 0) |
    (attrs.nesterov ? NESTEROV : 0);
  const newParameter = backend.makeOutput([...parameter.shape], 'float32');
  const newBuffer = withMomentum ? backend.makeOutput([...parameter.shape], 'float32') : undefined;
  const address = (info: TensorInfo | undefined) => (info === undefined ? 0 : backend.dataIdMap.get(info.dataId)!.memoryOffset);
  run(
    address(parameter), address(gradient), address(buffer), address(newParameter), address(newBuffer),
    util.sizeFromShape(parameter.shape),
    attrs.lr, attrs.momentum, 1 - attrs.dampening, attrs.weightDecay, flags,
  );
  return newBuffer === undefined ? [newParameter] : [newParameter, newBuffer];
}

export const sgdUpdateConfig: KernelConfig = {
  kernelName: SGD_UPDATE,
  backendName: 'wasm',
  kernelFunc: sgdUpdate as unknown as KernelFunc,
};
