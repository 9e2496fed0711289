import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { exportTorchrun, TorchrunExportError } from '../../src/torchrun/index.js';
import { trainStream } from '../../src/train/index.js';
import { tempFolder } from '../temp-folder.js';
import { tinyTrainConfigs, useCpu } from '../train/fixtures.js';

test.before(useCpu);

const config = tinyTrainConfigs(16, { epochs: 1 });

test('export --format torchrun refuses a run train.py would not continue as it was (AdamW, a cosine schedule), naming why, and writes nothing', async (t) => {
  const dir = await tempFolder(t, 'torchrun-refusal');
  await lastValueFrom(
    trainStream(
      config({ outDir: dir, optimizer: 'adamw', lrDecay: null, schedule: { kind: 'cosine', interval: 'step' } }),
    ).pipe(toArray()),
  );
  const out = join(dir, 'handoff');
  const error = await t.throwsAsync(exportTorchrun(join(dir, 'checkpoints', 'epoch-0001.ckpt'), out), {
    instanceOf: TorchrunExportError,
  });
  t.regex(error.message, /the optimiser is adamw; the lr follows a schedule/);
  t.false(existsSync(out));
});
