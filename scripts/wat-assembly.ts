import initWabt from 'wabt';
import { readFileSync } from 'node:fs';

export const SGD_UPDATE_WAT = new URL('../src/backend/wasm-kernels/sgd-update.wat', import.meta.url);
export const SGD_UPDATE_BINARY = new URL('../src/backend/wasm-kernels/sgd-update-binary.ts', import.meta.url);

const SHARED_MEMORY = /\(memory 1 65536 shared\)/;

/**
 * The module for the multithreaded wasm build (shared memory) and for the single-threaded one
 * (the same module importing an unshared memory), as base64.
 */
export async function assembleSgdUpdate(): Promise<{ shared: string; unshared: string }> {
  const wabt = await initWabt();
  const source = readFileSync(SGD_UPDATE_WAT, 'utf8');
  if (!SHARED_MEMORY.test(source)) throw new Error(`${SGD_UPDATE_WAT.pathname}: expected one import of "(memory 1 65536 shared)"`);
  const assemble = (text: string) => {
    const module = wabt.parseWat('sgd-update.wat', text, { simd: true, threads: true });
    try {
      return Buffer.from(module.toBinary({}).buffer).toString('base64');
    } finally {
      module.destroy();
    }
  };
  return { shared: assemble(source), unshared: assemble(source.replace(SHARED_MEMORY, '(memory 1)')) };
}

/** The TypeScript file that carries the assembled modules. */
export const sgdUpdateBinarySource = ({ shared, unshared }: { shared: string; unshared: string }) => `// Assembled from sgd-update.wat by \`npm run assemble:wat\`; test/backend/sgd-update-binary.test.ts checks that it is current.
export const SGD_UPDATE_WASM_SHARED = '${shared}';
export const SGD_UPDATE_WASM_UNSHARED = '${unshared}';
`;
