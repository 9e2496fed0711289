import { BACKEND_OPTION, backendOf } from '../flags/backend-option.js';
import { defineCommand } from '../command.js';

export const infoCommand = defineCommand({
  name: 'info',
  summary: 'show the TensorFlow.js backend chosen here and why, and the WebGPU adapter',
  description:
    'Show the TensorFlow.js backend chosen here (by --backend, else RXTRAIN_BACKEND, else auto), why, and why each faster one was skipped; the WebGPU adapter and the limits that bound the batch size.',
  usage: 'rxtrain info [--backend NAME] [--models]',
  options: {
    backend: BACKEND_OPTION,
    models: {
      type: 'boolean',
      description:
        'list the model families (--model NAME) and the torchvision weights files each takes, with their SHA-256 prefixes',
    },
  },
  async run(flags, io) {
    if (flags.models) {
      const { modelsInfoLines } = await import('../models-info.js');
      for (const line of modelsInfoLines()) io.out(line);
      return;
    }
    const [{ initBackend }, { webgpuInfoLines }, tf, { default: sharp }] = await Promise.all([
      import('../../backend/index.js'),
      import('../webgpu-info.js'),
      import('@tensorflow/tfjs'),
      import('sharp'),
    ]);
    const active = await initBackend({ backend: backendOf(flags.backend) });
    io.out(`node ${process.versions.node}, @tensorflow/tfjs ${tf.version.tfjs}, sharp ${sharp.versions.sharp}`);
    io.out(
      `decoding: ${process.env.UV_THREADPOOL_SIZE ?? 4} libuv threads (UV_THREADPOOL_SIZE), ${sharp.concurrency()} sharp thread(s) per image`,
    );
    io.out(`backend: ${active.name}`);
    io.out(`  ${active.reason}`);
    for (const line of await webgpuInfoLines()) io.out(line);
  },
});
