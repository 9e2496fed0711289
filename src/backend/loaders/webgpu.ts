import * as tf from '@tensorflow/tfjs';
import { unavailable, type BackendLoader, type LoadOutcome } from './backend-loader.js';
import { importOptional } from './import-optional.js';
import {
  describeAdapter,
  findWebgpuAdapter,
  isSoftwareAdapter,
  type AdapterDescription,
  type AdapterLimits,
  type FoundAdapter,
} from './webgpu-adapter.js';
import { isVerbose, probeWebgpuAdapter } from './webgpu-probe.js';

export const WEBGPU_TF_NAME = 'webgpu';

interface WebgpuBackendModule {
  readonly WebGPUBackend: new (device: unknown, adapterInfo: unknown) => tf.KernelBackend;
}

/** The limits tfjs-backend-webgpu raises from WebGPU's defaults to the adapter's own. */
const RAISED_LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
] as const;

let adapterSearch: Promise<FoundAdapter | string> | undefined;
let registeredOn: FoundAdapter | undefined;

/** The limits of the adapter the webgpu backend was registered on; undefined before it loads. */
export const webgpuLimits = (): AdapterLimits | undefined => registeredOn?.limits;

/** The adapter the webgpu backend runs on (searched once per process), or why there is none. */
export function webgpuAdapter(): Promise<FoundAdapter | string> {
  adapterSearch ??= findWebgpuAdapter();
  return adapterSearch;
}

/**
 * Registers tfjs-backend-webgpu's backend on the adapter found here. The package registers itself
 * only where `navigator.gpu` exists when it is imported, and then asks for an adapter of its own;
 * registering it here keeps it on the adapter `auto` judged.
 */
async function registerOn(found: FoundAdapter): Promise<string | undefined> {
  const imported = await importOptional('@tensorflow/tfjs-backend-webgpu');
  if (!imported.installed) return 'package @tensorflow/tfjs-backend-webgpu is not installed (optional dependency)';
  if ('error' in imported) return `package @tensorflow/tfjs-backend-webgpu failed to load: ${imported.error.message}`;
  const { WebGPUBackend } = imported.module as WebgpuBackendModule;
  const { adapter } = found;
  if (tf.findBackendFactory(WEBGPU_TF_NAME) !== null) tf.removeBackend(WEBGPU_TF_NAME);
  tf.registerBackend(WEBGPU_TF_NAME, async () => {
    const requiredLimits = Object.fromEntries(RAISED_LIMITS.map((name) => [name, adapter.limits[name]]));
    const device = await adapter.requestDevice({ requiredLimits });
    return new WebGPUBackend(device, adapter.info);
  });
  registeredOn = found;
  return undefined;
}

/**
 * TensorFlow.js on WebGPU through Dawn's Node bindings (`webgpu`). Runs on any adapter when asked
 * for by name; `auto` passes over a software adapter, which is slower than wasm.
 */
export const webgpuLoader: BackendLoader = {
  name: 'webgpu',
  load: async (): Promise<LoadOutcome> => {
    const found = await webgpuAdapter();
    if (typeof found === 'string') return unavailable(found);
    const failure = await registerOn(found);
    if (failure !== undefined) return unavailable(failure);
    const adapter = describeAdapter(found.description);
    const software = isSoftwareAdapter(found.description);
    return {
      available: true,
      tfName: WEBGPU_TF_NAME,
      describe: () => `WebGPU on ${adapter}${software ? ', a software adapter: for correctness, not speed' : ''}`,
      ...(software && { refusedByAuto: softwareRefusal(found.description) }),
    };
  },
  /** Dawn is opened in this process only for a hardware adapter (or when verbose): see `probeWebgpuAdapter`. */
  autoRefusal: async () => {
    if (adapterSearch !== undefined || isVerbose()) return undefined;
    const probed = await probeWebgpuAdapter();
    if (probed === undefined) return undefined;
    if (typeof probed === 'string') return probed;
    return isSoftwareAdapter(probed) ? softwareRefusal(probed) : undefined;
  },
};

function softwareRefusal(description: AdapterDescription): string {
  return `the only adapter is a software one, ${describeAdapter(description)}, slower than wasm; it runs when asked for by name`;
}
