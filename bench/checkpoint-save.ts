/**
 * Where the time of an epoch checkpoint goes, for full-width AlexNet with momentum (456 MiB), with
 * `best.ckpt` written as a second full copy of one buffer (as rxtrain did) and as now: the file
 * written from its parts, `best.ckpt` a hard link. Both in the same run, alternating, `--rounds` times.
 *
 *   npm run bench:checkpoint -- [--rounds 3] [--dir /tmp]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../src/backend/index.js';
import { alexnet, parameterGroups } from '../src/models/index.js';
import {
  checkpointParts,
  encodeCheckpoint,
  linkAtomically,
  runContext,
  sgd,
  writeAtomically,
} from '../src/train/index.js';

const args = new Map<string, string>();
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) args.set(argv[i]!.replace(/^--/, ''), argv[i + 1]!);
const rounds = Number(args.get('rounds') ?? 3);

await initBackend({ backend: 'cpu' });
const model = alexnet({ numClasses: 2, seed: 1 });
const optimizer = sgd({ lr: 1e-3, momentum: 0.9, groups: parameterGroups(model) });
const context = runContext({ model, optimizer, seed: 620 });
const initial = await context.snapshot();
optimizer.restore({ lrs: initial.optimizer.lrs, momentum: initial.weights });
const dir = mkdtempSync(join(args.get('dir') ?? tmpdir(), 'rxtrain-save-'));
const epochPath = join(dir, 'epoch-0001.ckpt');
const bestPath = join(dir, 'best.ckpt');
const ms = (from: number) => Math.round(performance.now() - from);
const bytesOnDisk = () => {
  const [a, b] = [statSync(epochPath), statSync(bestPath)];
  return a.ino === b.ino ? a.size : a.size + b.size;
};

try {
  for (let round = 1; round <= rounds; round++) {
    for (const way of ['one buffer, best copied', 'parts, best linked'] as const) {
      rmSync(bestPath, { force: true });
      let at = performance.now();
      const state = await context.snapshot();
      const snapshot = ms(at);
      at = performance.now();
      const bytes = way === 'one buffer, best copied' ? encodeCheckpoint(state) : checkpointParts(state);
      const encode = ms(at);
      at = performance.now();
      await writeAtomically(epochPath, bytes);
      const write = ms(at);
      at = performance.now();
      if (way === 'one buffer, best copied') await writeAtomically(bestPath, bytes);
      else await linkAtomically(epochPath, bestPath);
      const best = ms(at);
      console.log(
        `round ${round}, ${way}: snapshot ${snapshot} ms, encode ${encode} ms, write ${write} ms, best ${best} ms, total ${snapshot + encode + write + best} ms, ${(bytesOnDisk() / 2 ** 20).toFixed(0)} MiB on disk`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  context.dispose();
  model.dispose();
}
