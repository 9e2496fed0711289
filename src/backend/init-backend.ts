import * as tf from '@tensorflow/tfjs';
import {
  BACKEND_PREFERENCE,
  resolveBackendChoice,
  resolveWasmThreads,
  type BackendChoice,
  type BackendName,
} from './backend-names.js';
import { silenceCpuBackendNotice } from './cpu-notice.js';
import { BackendUnavailableError } from './errors.js';
import type { BackendLoader, LoadOutcome } from './loaders/backend-loader.js';
import { cpuLoader } from './loaders/cpu.js';
import { tensorflowCpuLoader, tensorflowGpuLoader } from './loaders/tensorflow-native.js';
import { wasmLoader } from './loaders/wasm.js';
import { webgpuLoader } from './loaders/webgpu.js';

export interface InitBackendOptions {
  /** Which backend to run; default: `RXTRAIN_BACKEND`, else `auto`. */
  readonly backend?: BackendChoice | undefined;
  /**
   * Threads for the wasm backend's XNNPACK pool (1 = its single-threaded build); default:
   * `RXTRAIN_WASM_THREADS`, else the CPUs available. Fixed when wasm first initialises.
   */
  readonly wasmThreads?: number;
  /** Where `RXTRAIN_BACKEND` and `RXTRAIN_WASM_THREADS` are read from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface SkippedBackend {
  readonly name: BackendName;
  readonly reason: string;
}

export interface ActiveBackend {
  readonly name: BackendName;
  /** Why this backend runs: how it was chosen, what it is, and why each better one was skipped. */
  readonly reason: string;
  /** The better backends `auto` tried first, each with the reason it could not run. */
  readonly tried: readonly SkippedBackend[];
}

function loaderFor(name: BackendName, wasmThreads: number): BackendLoader {
  switch (name) {
    case 'tensorflow-gpu':
      return tensorflowGpuLoader;
    case 'webgpu':
      return webgpuLoader;
    case 'tensorflow':
      return tensorflowCpuLoader;
    case 'wasm':
      return wasmLoader(wasmThreads);
    case 'cpu':
      return cpuLoader;
  }
}

const loads = new Map<BackendName, Promise<LoadOutcome>>();
const selections = new Map<BackendChoice, Promise<Selection>>();

interface Selection {
  readonly active: ActiveBackend;
  readonly tfName: string;
}

const load = (name: BackendName, wasmThreads: number): Promise<LoadOutcome> => {
  let outcome = loads.get(name);
  if (outcome === undefined) {
    outcome = loaderFor(name, wasmThreads).load();
    loads.set(name, outcome);
  }
  return outcome;
};

/** Loads and activates one backend; the reason it cannot run, if it cannot. */
async function activate(
  name: BackendName,
  wasmThreads: number,
  byAuto: boolean,
): Promise<{ tfName: string; describe: () => string } | string> {
  const outcome = await load(name, wasmThreads);
  if (!outcome.available) return outcome.reason;
  if (byAuto && outcome.refusedByAuto !== undefined) return outcome.refusedByAuto;
  if (tf.engine().backendName !== outcome.tfName && !(await tf.setBackend(outcome.tfName))) {
    return `TensorFlow.js could not initialise backend '${outcome.tfName}'`;
  }
  return outcome;
}

async function select(choice: BackendChoice, wasmThreads: number): Promise<Selection> {
  if (choice !== 'auto') {
    const active = await activate(choice, wasmThreads, false);
    if (typeof active === 'string') throw new BackendUnavailableError(choice, active);
    const reason = `requested explicitly; ${active.describe()}`;
    return { active: { name: choice, reason, tried: [] }, tfName: active.tfName };
  }
  const tried: SkippedBackend[] = [];
  for (const name of BACKEND_PREFERENCE) {
    const refused = loads.has(name) ? undefined : await loaderFor(name, wasmThreads).autoRefusal?.();
    const active = refused ?? (await activate(name, wasmThreads, true));
    if (typeof active === 'string') {
      tried.push({ name, reason: active });
      continue;
    }
    const skipped = tried.map((s) => `${s.name}: ${s.reason}`).join('; ');
    const reason = `auto chose the first that runs of ${BACKEND_PREFERENCE.join(' > ')}; ${active.describe()}`;
    const why = skipped ? `${reason}. Skipped ${skipped}` : reason;
    return { active: { name, reason: why, tried }, tfName: active.tfName };
  }
  throw new BackendUnavailableError('auto', tried.map((s) => `${s.name}: ${s.reason}`).join('; '));
}

// Models built before `initBackend` runs (or without it) live on the CPU backend until then.
silenceCpuBackendNotice();

/** The first `initBackend` call of the process, whichever choice it made. */
let firstInit: Promise<ActiveBackend> | undefined;

/**
 * Chooses and activates the TensorFlow.js backend. Idempotent: a second call with the same choice
 * only re-activates the backend it found the first time.
 */
export function initBackend(options: InitBackendOptions = {}): Promise<ActiveBackend> {
  const init = activateChoice(options);
  firstInit ??= init;
  return init;
}

/**
 * What a library call runs before its first tensor (`fit`, `evaluate`, `validate`, `predict`): in a
 * process where `initBackend` has not run yet, runs it once with its defaults (`RXTRAIN_BACKEND`,
 * else `auto`), as `trainStream` does; after any `initBackend` call it leaves the backend alone.
 * A backend set with `tf.setBackend` alone is not seen: choose with `initBackend({ backend })`.
 */
export async function ensureBackend(): Promise<void> {
  await (firstInit ?? initBackend());
}

async function activateChoice(options: InitBackendOptions): Promise<ActiveBackend> {
  silenceCpuBackendNotice();
  const choice = resolveBackendChoice(options.backend, options.env);
  const wasmThreads = resolveWasmThreads(options.wasmThreads, options.env);
  let selection = selections.get(choice);
  if (selection === undefined) {
    selection = select(choice, wasmThreads);
    selections.set(choice, selection);
    selection.catch(() => selections.delete(choice));
  }
  const { active, tfName } = await selection;
  if (tf.engine().backendName !== tfName) await tf.setBackend(tfName);
  return active;
}
