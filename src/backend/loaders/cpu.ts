import type { BackendLoader } from './backend-loader.js';

export const cpuLoader: BackendLoader = {
  name: 'cpu',
  load: async () => ({ available: true, tfName: 'cpu', describe: () => 'pure JavaScript kernels (slow)' }),
};
