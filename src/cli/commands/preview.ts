import { defineCommand } from '../command.js';
import { DEFAULT_SEED } from '../../data/index.js';

export const previewCommand = defineCommand({
  name: 'preview',
  summary: 'write a grid of augmented training samples to a PNG',
  description: 'Write a grid of augmented training samples to a PNG, to look at the augmentation before training.',
  usage: 'rxtrain preview --data DIR --out FILE.png [--count N] [--seed N]',
  options: {
    data: {
      type: 'string',
      placeholder: 'DIR',
      required: true,
      description: 'Kaggle-style folder (cat.N.jpg, dog.N.jpg) or one sub-folder per class',
    },
    out: { type: 'string', placeholder: 'FILE.png', required: true, description: 'where the grid is written' },
    count: { type: 'integer', min: 1, default: 16, description: 'samples in the grid' },
    seed: { type: 'integer', min: 0, default: DEFAULT_SEED, description: 'seed of the augmentation' },
  },
  examples: ['rxtrain preview --data data/train --out runs/preview.png --count 32'],
  async run(flags, io) {
    const { runPreview } = await import('../run-preview.js');
    const { count } = await runPreview({
      data: flags.data,
      out: flags.out,
      count: flags.count,
      seed: flags.seed,
      onSkipped: (file) => io.err(`rxtrain: skipped ${file.path}: ${file.reason}`),
    });
    io.out(`wrote ${flags.out} (${count} sample${count === 1 ? '' : 's'})`);
  },
});
