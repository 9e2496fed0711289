import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** One hand-written module assembled twice (scripts/wat-assembly.ts): importing a shared memory, and an unshared one. */
export interface WasmBinaries {
  readonly shared: string;
  readonly unshared: string;
}

/** The little of the WebAssembly API used here (the project's type libraries do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
const { Module, Instance } = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
    };
  }
).WebAssembly;

type Exports = Record<string, unknown>;
const instances = new WeakMap<WasmBinaries, WeakMap<WasmMemory, Exports | undefined>>();

/** The backend's memory: imported by the multithreaded build, exported by the single-threaded one. */
function backendMemory(backend: BackendWasm): WasmMemory | undefined {
  const module = backend.wasm as unknown as { wasmMemory?: WasmMemory; asm?: { memory?: WasmMemory } };
  return module.wasmMemory ?? module.asm?.memory;
}

/**
 * The exports of a module instantiated over the backend's own memory (shared or not), once per
 * memory; undefined where that cannot be (no SIMD, memory not reachable). Its functions take byte
 * addresses in that memory, e.g. a tensor's `memoryOffset`.
 */
export function backendModuleExports(backend: BackendWasm, binaries: WasmBinaries): Exports | undefined {
  const memory = backendMemory(backend);
  if (memory === undefined) return undefined;
  let byMemory = instances.get(binaries);
  if (byMemory === undefined) instances.set(binaries, (byMemory = new WeakMap()));
  if (!byMemory.has(memory)) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    try {
      const bytes = Buffer.from(shared ? binaries.shared : binaries.unshared, 'base64');
      byMemory.set(memory, new Instance(new Module(bytes), { tfjs: { memory } }).exports);
    } catch {
      byMemory.set(memory, undefined);
    }
  }
  return byMemory.get(memory);
}
