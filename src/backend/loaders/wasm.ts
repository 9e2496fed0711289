import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { registerWasmTrainingKernels } from '../wasm-kernels/register.js';
import type { BackendLoader } from './backend-loader.js';
import { withoutProcessListenersAddedBy } from './process-listeners.js';
import { prepareThreadedWasm, unrefWasmWorkers } from './wasm-threads-node.js';

/** The most threads the multithreaded build's worker pool holds. */
export const MAX_WASM_THREADS = 8;

/** The folder holding the package's `.wasm` binaries (its `dist/`; found by its package.json, which a bundle that compiled its code in keeps beside the binaries). */
export function wasmBinariesFolder(): string {
  return (
    join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep
  );
}

/** Initialises the multithreaded build; the reason it could not, if it could not. */
async function startThreaded(threads: number, setThreadsCount: (count: number) => void): Promise<string | undefined> {
  const finish = prepareThreadedWasm(threads, setThreadsCount);
  let started = false;
  try {
    started = await tf.setBackend('wasm');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    finish();
  }
  if (!started) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    return 'the multithreaded build failed to start';
  }
  unrefWasmWorkers(tf.findBackend('wasm'));
  return undefined;
}

/**
 * The wasm backend (XNNPACK), with the kernels it needs to train. With `threads > 1` it starts the
 * multithreaded build, falling back to the single-threaded one if that fails. Leaves wasm active.
 * The package is imported here, not where this module is imported: importing it registers wasm as
 * TensorFlow.js's preferred backend, and until it is initialised any tensor made (building a model
 * before `initBackend`) fails.
 */
export function wasmLoader(threads: number): BackendLoader {
  return {
    name: 'wasm',
    load: () =>
      withoutProcessListenersAddedBy(async () => {
        const { getThreadsCount, setThreadsCount, setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
        registerWasmTrainingKernels();
        setWasmPaths(wasmBinariesFolder());
        const threadedFailure =
          threads > 1 ? await startThreaded(Math.min(threads, MAX_WASM_THREADS), setThreadsCount) : undefined;
        if (tf.engine().backendName !== 'wasm') await tf.setBackend('wasm');
        const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
        return {
          available: true,
          tfName: 'wasm',
          describe: () => {
            const count = getThreadsCount();
            const build = `XNNPACK ${simd ? 'with' : 'without'} SIMD, ${count} thread${count === 1 ? '' : 's'}`;
            return threadedFailure === undefined ? build : `${build} (${threadedFailure})`;
          },
        };
      }),
  };
}
