import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const WASM_OUT = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd';

interface EmscriptenWorker {
  unref(): void;
}
interface PThreads {
  readonly runningWorkers: EmscriptenWorker[];
  readonly unusedWorkers: EmscriptenWorker[];
}

/**
 * tfjs-backend-wasm ships a multithreaded XNNPACK build but, in Node, never uses it: its flag is off
 * there, and forced on, its pthread workers fail to start because they are created from `blob:`
 * URLs, which Node's `Worker` rejects. This makes that build start in Node, for the next
 * `tf.setBackend('wasm')` only:
 * - the worker script goes to a temporary file, and is told to load the backend's own module
 *   file instead of a blob;
 * - the logical-core count is reported doubled while the backend initialises, because the build
 *   caps its threads at half of it (it assumes two hyper-threads per core).
 * Returns the function to call once initialisation has finished (successfully or not).
 */
export function prepareThreadedWasm(threads: number, setThreadsCount: (count: number) => void): () => void {
  const folder = mkdtempSync(join(os.tmpdir(), 'rxtrain-wasm-'));
  const workerFile = join(folder, 'pthread-worker.cjs');
  const moduleFile = require.resolve(`${WASM_OUT}.js`);
  const { wasmWorkerContents } = require(`${WASM_OUT}.worker.js`) as { wasmWorkerContents: string };
  const pointAtModule = `URL.createObjectURL=()=>${JSON.stringify(moduleFile)};URL.revokeObjectURL=()=>{};\n`;
  // The backend escapes newlines the same way before it makes its own blob of these contents.
  writeFileSync(workerFile, pointAtModule + wasmWorkerContents.replace(/\n/g, '\\n'));

  const createObjectURL = URL.createObjectURL;
  const cpus = os.cpus;
  URL.createObjectURL = (object) =>
    object instanceof Blob && object.type === 'application/javascript' ? workerFile : createObjectURL(object);
  os.cpus = () => [...cpus(), ...cpus()];
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(threads);

  return () => {
    URL.createObjectURL = createObjectURL;
    os.cpus = cpus;
    rmSync(folder, { recursive: true, force: true });
  };
}

/** Lets the process exit while the (idle) thread pool is alive, as it can with the single-threaded build. */
export function unrefWasmWorkers(backend: unknown): void {
  const threads = (backend as { wasm?: { PThread?: PThreads } }).wasm?.PThread;
  if (threads === undefined) return;
  for (const worker of [...threads.runningWorkers, ...threads.unusedWorkers]) worker.unref();
}
