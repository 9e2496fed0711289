import { join } from 'node:path';
import { defineCommand } from '../command.js';

export const plotCommand = defineCommand({
  name: 'plot',
  summary: "draw a run's loss curves from its events.jsonl",
  description: "Draw a run's loss curves again from its events.jsonl (while it runs, or after a crash).",
  usage: 'rxtrain plot --log FILE.jsonl [--out FILE.png]',
  options: {
    log: {
      type: 'string',
      placeholder: 'FILE.jsonl',
      required: true,
      description: 'event log written by rxtrain train',
    },
    out: {
      type: 'string',
      placeholder: 'FILE.png',
      description: 'where the curves go (default: curves.png beside the log)',
    },
  },
  examples: ['rxtrain plot --log runs/catdog/events.jsonl'],
  async run(flags, io) {
    const [{ readJsonl, plotCurves }, { dirname }] = await Promise.all([
      import('../../report/index.js'),
      import('node:path'),
    ]);
    const out = flags.out ?? join(dirname(flags.log), 'curves.png');
    await plotCurves(await readJsonl(flags.log), out);
    io.out(`wrote ${out}`);
  },
});
