import * as tf from '@tensorflow/tfjs';

/** The priority `@tensorflow/tfjs-backend-cpu` registers its backend with. */
const CPU_PRIORITY = 1;

const quiet = <T>(backend: T): T => {
  if (typeof backend === 'object' && backend !== null && 'firstUse' in backend) backend.firstUse = false;
  return backend;
};

/**
 * TensorFlow.js's CPU backend prints, on its first tensor in Node, a banner asking to install its
 * native package. rxtrain loads that package itself where it can (`initBackend`), and it cannot
 * install on most machines, so the banner only misleads. The backend prints it once per instance,
 * and TensorFlow.js makes a new instance when it falls back to the CPU by itself (a model built
 * before any backend is chosen): while no backend is active, the factory is replaced by one whose
 * instances start quiet; once one is, the CPU instance it would use is marked quiet.
 */
let quietFactory: (() => tf.KernelBackend | Promise<tf.KernelBackend>) | undefined;

export function silenceCpuBackendNotice(): void {
  const factory = tf.findBackendFactory('cpu');
  if (factory === undefined || factory === null || factory === quietFactory) return;
  if (tf.engine().backendName == null) {
    quietFactory = () => quiet(factory());
    tf.removeBackend('cpu');
    tf.registerBackend('cpu', quietFactory, CPU_PRIORITY);
  } else {
    quiet(tf.findBackend('cpu'));
  }
}
