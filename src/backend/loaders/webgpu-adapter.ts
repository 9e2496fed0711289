import { importOptional, isInstalled } from './import-optional.js';

/** What the adapter says of itself, as `rxtrain info` prints it. */
export interface AdapterDescription {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** Dawn's native backend: `vulkan`, `metal` or `d3d12`. */
  readonly dawnBackend: string;
  readonly isFallbackAdapter: boolean;
}

/** The device limits that bound the batch size, in bytes. */
export interface AdapterLimits {
  readonly maxBufferSize: number;
  readonly maxStorageBufferBindingSize: number;
}

/** The parts of WebGPU's `GPUAdapter` used here (its types come with the optional package). */
export interface WebgpuAdapter {
  readonly info: {
    readonly vendor: string;
    readonly architecture: string;
    readonly device: string;
    readonly description: string;
    readonly isFallbackAdapter?: boolean;
  };
  readonly limits: Readonly<Record<string, number>> & AdapterLimits;
  readonly features: ReadonlySet<string>;
  requestDevice(descriptor?: object): Promise<unknown>;
}

interface WebgpuEntry {
  requestAdapter(options?: object): Promise<WebgpuAdapter | null>;
}

export interface FoundAdapter {
  readonly adapter: WebgpuAdapter;
  readonly description: AdapterDescription;
  readonly limits: AdapterLimits;
}

interface DawnModule {
  create(options: string[]): WebgpuEntry;
  readonly globals: Record<string, unknown>;
}

/** Dawn's native API on each platform its npm package ships a binary for. */
export const DAWN_BACKEND: Readonly<Record<string, string>> = { linux: 'vulkan', darwin: 'metal', win32: 'd3d12' };

export const WEBGPU_PACKAGES = ['webgpu', '@tensorflow/tfjs-backend-webgpu'] as const;

/**
 * Makes the WebGPU globals (`navigator.gpu`, `GPUBufferUsage`, …) that tfjs-backend-webgpu expects
 * in a browser exist in Node, from Dawn's bindings. Leaves globals that already exist alone.
 */
function installGlobals(dawn: DawnModule, gpu: WebgpuEntry): void {
  const scope = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(dawn.globals)) if (!(name in scope)) scope[name] = value;
  const navigator = (scope.navigator ??= {}) as { gpu?: WebgpuEntry };
  if (navigator.gpu === undefined) Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true });
}

/** Why there is no adapter, when Dawn offers none. */
export function noAdapter(dawnBackend: string): string {
  const driver =
    dawnBackend === 'vulkan' ? ' (install a Vulkan driver: the GPU vendor’s ICD, or Mesa’s for lavapipe)' : '';
  return `Dawn found no ${dawnBackend} adapter${driver}`;
}

/** The adapter's own words on itself, with the Dawn backend it runs on. */
export function describeInfo(info: WebgpuAdapter['info'], dawnBackend: string): AdapterDescription {
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    dawnBackend,
    isFallbackAdapter: info.isFallbackAdapter === true,
  };
}

/** A software rasteriser (lavapipe/llvmpipe, SwiftShader, WARP) rather than a GPU. */
export function isSoftwareAdapter(description: AdapterDescription): boolean {
  return (
    description.isFallbackAdapter ||
    /^(software|cpu)$/i.test(description.architecture) ||
    /llvmpipe|lavapipe|swiftshader|warp|software/i.test(`${description.device} ${description.description}`)
  );
}

export function describeAdapter(description: AdapterDescription): string {
  const { vendor, architecture, description: text, dawnBackend } = description;
  return `${text || description.device || 'unnamed adapter'} (vendor ${vendor || '?'}, architecture ${architecture || '?'}, Dawn on ${dawnBackend})`;
}

/**
 * Finds the WebGPU adapter Dawn offers here (high-performance preference), or says why there is
 * none. Importing Dawn's bindings is deferred to this call: they load a native library.
 */
export async function findWebgpuAdapter(): Promise<FoundAdapter | string> {
  for (const specifier of WEBGPU_PACKAGES) {
    if (!isInstalled(specifier)) return `package ${specifier} is not installed (optional dependency)`;
  }
  const dawnBackend = DAWN_BACKEND[process.platform];
  if (dawnBackend === undefined) return `the webgpu package ships no Dawn binary for ${process.platform}`;
  const imported = await importOptional('webgpu');
  if (!imported.installed) return 'package webgpu is not installed (optional dependency)';
  if ('error' in imported) return `package webgpu failed to load: ${imported.error.message}`;
  const dawn = imported.module as DawnModule;
  const gpu = dawn.create([`backend=${dawnBackend}`]);
  installGlobals(dawn, gpu);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) return noAdapter(dawnBackend);
  return {
    adapter,
    description: describeInfo(adapter.info, dawnBackend),
    limits: {
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    },
  };
}
