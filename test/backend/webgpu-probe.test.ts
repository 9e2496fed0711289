import { webgpuAdapter } from '../../src/backend/loaders/webgpu.js';
import { probeWebgpuAdapter } from '../../src/backend/loaders/webgpu-probe.js';
import { webgpuTest } from './webgpu-available.js';

webgpuTest('the probe in a child process describes the same adapter as Dawn in this process', async (t) => {
  const found = await webgpuAdapter();
  if (typeof found === 'string') return t.fail(found);
  t.deepEqual(await probeWebgpuAdapter(), found.description);
});
