import test, { type ExecutionContext } from 'ava';
import { webgpuAdapter } from '../../src/backend/loaders/webgpu.js';

const found = await webgpuAdapter();

/** Why the webgpu tests cannot run here, or undefined when an adapter (hardware or software) exists. */
export const webgpuMissing: string | undefined = typeof found === 'string' ? found : undefined;

/**
 * A serial test that needs a WebGPU adapter. Where there is none it is declared skipped, with the
 * reason in its title, so the run counts it as skipped and never as passed.
 */
export function webgpuTest(title: string, body: (t: ExecutionContext) => Promise<void> | void): void {
  if (webgpuMissing === undefined) test.serial(title, body);
  else test.skip(`${title} (no WebGPU adapter: ${webgpuMissing})`, body);
}
