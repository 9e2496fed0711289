import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { initBackend } from '../../src/backend/index.js';
import { webgpuAdapter } from '../../src/backend/loaders/webgpu.js';
import { isSoftwareAdapter, type AdapterDescription } from '../../src/backend/loaders/webgpu-adapter.js';
import { webgpuTest } from './webgpu-available.js';

const description = (over: Partial<AdapterDescription>): AdapterDescription => ({
  vendor: 'nvidia',
  architecture: 'ampere',
  device: 'NVIDIA GeForce RTX 3090',
  description: 'NVIDIA: 550.54.14',
  dawnBackend: 'vulkan',
  isFallbackAdapter: false,
  ...over,
});

test('a fallback adapter, a software architecture or a software rasteriser by name is software; a GPU is not', (t) => {
  t.false(isSoftwareAdapter(description({})));
  t.true(isSoftwareAdapter(description({ isFallbackAdapter: true })));
  t.true(isSoftwareAdapter(description({ architecture: 'software' })));
  t.true(
    isSoftwareAdapter(
      description({ vendor: 'mesa', device: 'llvmpipe-llvm-15', description: 'llvmpipe: Mesa 25.0.7' }),
    ),
  );
  t.true(isSoftwareAdapter(description({ vendor: 'google', description: 'SwiftShader Device (Subzero)' })));
});

test('any adapter flagged as fallback is software, whatever its names say', (t) => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), (vendor, architecture, text) =>
      isSoftwareAdapter(
        description({ vendor, architecture, description: text, device: text, isFallbackAdapter: true }),
      ),
    ),
  );
  t.pass();
});

test.serial('auto takes webgpu only on a hardware adapter, and says why it passed over it', async (t) => {
  const active = await initBackend({ backend: 'auto' });
  const found = await webgpuAdapter();
  const hardware = typeof found !== 'string' && !isSoftwareAdapter(found.description);
  const webgpu = active.tried.find((s) => s.name === 'webgpu');
  if (active.name === 'tensorflow-gpu') return t.is(webgpu, undefined);
  if (hardware) return t.is(active.name, 'webgpu');
  t.not(active.name, 'webgpu');
  if (typeof found === 'string') t.is(webgpu?.reason, found);
  else t.regex(webgpu?.reason ?? '', /software/);
  t.regex(active.reason, /webgpu: /);
});

webgpuTest('webgpu asked for by name runs on the adapter found here, software or not', async (t) => {
  const active = await initBackend({ backend: 'webgpu' });
  t.is(active.name, 'webgpu');
  t.is(tf.getBackend(), 'webgpu');
  t.regex(active.reason, /requested explicitly; WebGPU on .*Dawn on (vulkan|metal|d3d12)/);
  const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).dataSync());
  t.deepEqual([...sum], [4, 6]);
});
