import { join } from 'node:path';
import { BACKEND_OPTION, backendOf } from '../flags/backend-option.js';
import { defineCommand } from '../command.js';
import { demoConfig } from '../demo/demo-config.js';
import { ensureDemoData } from '../demo/demo-data.js';
import { earlierRunIn, runTraining } from '../run-training.js';
import { RunFolderError } from '../../train/index.js';

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'make synthetic demo data and train a small AlexNet on it (npm start)',
  description:
    'Make the built-in demo data (synthetic cats: warm discs, dogs: cool bars) in <out>/data unless it is there, then train a small AlexNet on it, writing events.jsonl, curves.png, kernels.png, feature-maps.png, a TensorBoard event file and checkpoints/ into <out>. An <out> holding an earlier run is refused unless --force, which deletes that run (not its data).',
  usage: 'rxtrain demo [--out DIR] [--epochs N] [--per-class N] [--backend NAME] [--data-only] [--force]',
  options: {
    out: {
      type: 'string',
      placeholder: 'DIR',
      default: 'runs/demo',
      description: 'run folder; the images go to DIR/data',
    },
    epochs: { type: 'integer', min: 1, default: 6, description: 'epochs to train' },
    'per-class': { type: 'integer', min: 1, default: 150, description: 'demo images of each class' },
    backend: BACKEND_OPTION,
    'max-iterations': { type: 'integer', min: 1, description: 'stop after this many steps in total' },
    'data-only': { type: 'boolean', description: 'make the demo data and stop' },
    force: {
      type: 'boolean',
      description:
        'start over in an --out folder that holds an earlier run (its checkpoints, log and plots are deleted)',
    },
  },
  examples: [
    'npm start',
    'rxtrain demo --force',
    'rxtrain demo --epochs 5',
    'rxtrain demo --data-only --out /tmp/catdog',
  ],
  async run(flags, io) {
    const earlier = flags['data-only'] || flags.force ? undefined : await earlierRunIn(flags.out);
    if (earlier !== undefined) {
      throw new RunFolderError(
        flags.out,
        `holds an earlier run (${earlier}): start over with --force (which deletes it, keeping ${join(flags.out, 'data')}), or choose another --out`,
      );
    }
    const data = join(flags.out, 'data');
    const { written } = await ensureDemoData(data, { perClass: flags['per-class'] });
    io.out(written > 0 ? `demo data: wrote ${written} images to ${data}` : `demo data: using ${data}`);
    if (flags['data-only']) return;
    const config = demoConfig({
      out: flags.out,
      epochs: flags.epochs,
      backend: backendOf(flags.backend),
      maxIterations: flags['max-iterations'],
      force: flags.force ?? false,
    });
    await runTraining(config, io);
  },
});
