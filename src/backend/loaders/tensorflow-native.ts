import { unavailable, type BackendLoader, type LoadOutcome } from './backend-loader.js';
import { listCudaDevices } from './cuda-devices.js';
import { importOptional, isInstalled } from './import-optional.js';

/** Both native packages register their backend as `tensorflow`. */
const TF_NAME = 'tensorflow';

async function loadNative(specifier: string, needsCuda: boolean): Promise<LoadOutcome> {
  const notInstalled = `package ${specifier} is not installed (optional dependency)`;
  if (!isInstalled(specifier)) return unavailable(notInstalled);
  if (needsCuda && listCudaDevices().length === 0) {
    return unavailable('no CUDA device (the NVIDIA driver reports no GPU)');
  }
  const imported = await importOptional(specifier);
  if (!imported.installed) return unavailable(notInstalled);
  if ('error' in imported) return unavailable(`package ${specifier} failed to load: ${imported.error.message}`);
  return { available: true, tfName: TF_NAME, describe: () => `libtensorflow through ${specifier}` };
}

export const tensorflowGpuLoader: BackendLoader = {
  name: 'tensorflow-gpu',
  load: () => loadNative('@tensorflow/tfjs-node-gpu', true),
};

export const tensorflowCpuLoader: BackendLoader = {
  name: 'tensorflow',
  load: () => loadNative('@tensorflow/tfjs-node', false),
};
