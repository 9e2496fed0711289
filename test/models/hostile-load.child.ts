// Parses every payload in a folder, one JSON line per payload, then the peak memory growth.
// Run in its own process so that the peak resident size measures the loader alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTorchCheckpoint, TorchCheckpointError } from '../../src/models/index.js';

const [dir, maxBytes] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: hostile-load.child.ts DIR [MAX_BYTES]');
const options = maxBytes === undefined ? undefined : { maxBytes: Number(maxBytes) };
const parse = parseTorchCheckpoint as (
  bytes: Uint8Array,
  file?: string,
  limits?: { maxBytes: number },
) => ReturnType<typeof parseTorchCheckpoint>;
const files = readdirSync(dir).sort();
const baseline = process.resourceUsage().maxRSS;
for (const name of files) {
  const bytes = readFileSync(join(dir, name));
  const start = performance.now();
  let result: Record<string, unknown>;
  try {
    const dict = parse(bytes, name, options);
    const tensors = [...dict.values()];
    const values = new Set<number>();
    for (const { data } of tensors)
      for (let i = 0; i < data.length && values.size < 4; i += 1 + Math.floor(i / 64)) values.add(data[i]!);
    result = {
      outcome: 'loaded',
      materialisedBytes: tensors.reduce((sum, tensor) => sum + tensor.data.byteLength, 0),
      values: [...values],
    };
  } catch (error) {
    const typed = error instanceof TorchCheckpointError;
    result = {
      outcome: typed ? 'typed' : 'other',
      error: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300),
    };
  }
  console.log(JSON.stringify({ name, bytes: bytes.length, ms: Math.round(performance.now() - start), ...result }));
}
console.log(JSON.stringify({ peakGrowthMb: Math.round((process.resourceUsage().maxRSS - baseline) / 1024) }));
