import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { isInstalled } from './import-optional.js';
import {
  DAWN_BACKEND,
  describeInfo,
  noAdapter,
  WEBGPU_PACKAGES,
  type AdapterDescription,
  type WebgpuAdapter,
} from './webgpu-adapter.js';

/** Set (to anything but empty or `0`) to open Dawn in this process even where `auto` would not, and so see its warnings. */
export const VERBOSE_ENV_VAR = 'RXTRAIN_VERBOSE';

export const isVerbose = (env: Readonly<Record<string, string | undefined>> = process.env): boolean =>
  (env[VERBOSE_ENV_VAR] ?? '') !== '' && env[VERBOSE_ENV_VAR] !== '0';

/** Prints the adapter's info as JSON (`null` for none); exits at once, as Dawn's threads would keep it alive. */
const PROBE = `
const [url, backend] = process.argv.slice(-2);
const { create } = await import(url);
const adapter = await create([\`backend=\${backend}\`]).requestAdapter({ powerPreference: 'high-performance' });
const fields = ['vendor', 'architecture', 'device', 'description', 'isFallbackAdapter'];
process.stdout.write(JSON.stringify(adapter && Object.fromEntries(fields.map((name) => [name, adapter.info[name]]))));
process.exit(0);
`;

const PROBE_TIMEOUT_MS = 60_000;

/**
 * The adapter Dawn offers here, asked in a child process, or why there is none; undefined when the
 * child could not tell (then the caller opens Dawn itself and reports what happens). Dawn writes
 * warnings to standard error when it opens some adapters (lavapipe's limits, at every start), and
 * native writes cannot be taken back in this process: `auto` asks this way and opens Dawn here only
 * for an adapter it will use.
 */
export async function probeWebgpuAdapter(): Promise<AdapterDescription | string | undefined> {
  const dawnBackend = DAWN_BACKEND[process.platform];
  if (dawnBackend === undefined || !WEBGPU_PACKAGES.every((specifier) => isInstalled(specifier))) return undefined;
  try {
    const entry = pathToFileURL(createRequire(import.meta.url).resolve('webgpu')).href;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', PROBE, entry, dawnBackend],
      {
        timeout: PROBE_TIMEOUT_MS,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    const info = JSON.parse(stdout) as WebgpuAdapter['info'] | null;
    return info === null ? noAdapter(dawnBackend) : describeInfo(info, dawnBackend);
  } catch {
    return undefined;
  }
}
