import initWabt from 'wabt';
import { readFileSync } from 'node:fs';

/** The hand-written WebAssembly modules of src/backend/wasm-kernels/, each `NAME.wat` assembled into `NAME-binary.ts`. */
export const WAT_MODULES = ['max-pool-grad', 'sgd-update', 'transpose-matrix'] as const;
export type WatModule = (typeof WAT_MODULES)[number];

const KERNELS = new URL('../src/backend/wasm-kernels/', import.meta.url);
export const watSource = (name: WatModule) => new URL(`${name}.wat`, KERNELS);
export const watBinary = (name: WatModule) => new URL(`${name}-binary.ts`, KERNELS);

const SHARED_MEMORY = /\(memory 1 65536 shared\)/;

/**
 * The module for the multithreaded wasm build (shared memory) and for the single-threaded one
 * (the same module importing an unshared memory), as base64.
 */
export async function assembleWat(name: WatModule): Promise<{ shared: string; unshared: string }> {
  const wabt = await initWabt();
  const path = watSource(name);
  const source = readFileSync(path, 'utf8');
  if (!SHARED_MEMORY.test(source))
    throw new Error(`${path.pathname}: expected one import of "(memory 1 65536 shared)"`);
  const assemble = (text: string) => {
    const module = wabt.parseWat(`${name}.wat`, text, { simd: true, threads: true });
    try {
      return Buffer.from(module.toBinary({}).buffer).toString('base64');
    } finally {
      module.destroy();
    }
  };
  return { shared: assemble(source), unshared: assemble(source.replace(SHARED_MEMORY, '(memory 1)')) };
}

/** `transpose-matrix` → `TRANSPOSE_MATRIX_WASM`. */
export const watBinaryConstant = (name: WatModule) => `${name.replaceAll('-', '_').toUpperCase()}_WASM`;

/** The TypeScript file that carries one module's assembled binaries (a `WasmBinaries`). */
export const watBinarySource = (
  name: WatModule,
  { shared, unshared }: { shared: string; unshared: string },
) => `// Assembled from ${name}.wat by \`npm run assemble:wat\`; test/backend/wat-binaries.test.ts checks that it is current.
export const ${watBinaryConstant(name)} = {
  shared: '${shared}',
  unshared: '${unshared}',
};
`;
