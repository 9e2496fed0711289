import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { registerWasmTrainingKernels } from '../wasm-kernels/register.js';
import type { BackendLoader } from './backend-loader.js';

/** The folder holding the package's `.wasm` binaries (its `dist/`, next to its main file). */
export function wasmBinariesFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')) + sep;
}

/*
 * Node gets the single-threaded SIMD build: tfjs disables WASM_HAS_MULTITHREAD_SUPPORT in Node, and
 * forcing it fails (its pthread workers are created from blob: URLs, which Node's Worker rejects).
 */
let pathsSet = false;

export const wasmLoader: BackendLoader = {
  name: 'wasm',
  load: async () => {
    registerWasmTrainingKernels();
    if (!pathsSet) {
      setWasmPaths(wasmBinariesFolder());
      pathsSet = true;
    }
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    return {
      available: true,
      tfName: 'wasm',
      describe: () =>
        `XNNPACK ${simd ? 'with' : 'without'} SIMD, ${getThreadsCount()} thread(s), training kernels added`,
    };
  },
};
