import { defineCommand } from '../command.js';
import { FeatureUnavailableError } from '../unavailable.js';

interface PreviewModule {
  runPreview(options: { data: string; out: string; count?: number; seed?: number }): Promise<unknown>;
}

/** Loaded by a computed name so this command builds before `src/cli/preview.ts` exists. */
async function loadPreview(): Promise<PreviewModule> {
  const specifier = '../preview.js';
  try {
    return (await import(specifier)) as PreviewModule;
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes('cli/preview');
    if (!missing) throw error;
    throw new FeatureUnavailableError('preview', 'src/cli/preview.ts (runPreview) is missing');
  }
}

export const previewCommand = defineCommand({
  name: 'preview',
  summary: 'write a grid of augmented training samples to a PNG',
  description: 'Write a grid of augmented training samples to a PNG, to look at the augmentation before training.',
  usage: 'rxtrain preview --data DIR --out FILE.png [--count N] [--seed N]',
  options: {
    data: { type: 'string', placeholder: 'DIR', required: true, description: 'Kaggle-style folder of cat.N.jpg / dog.N.jpg' },
    out: { type: 'string', placeholder: 'FILE.png', required: true, description: 'where the grid is written' },
    count: { type: 'integer', min: 1, description: 'samples in the grid' },
    seed: { type: 'integer', min: 0, description: 'seed of the augmentation' },
  },
  examples: ['rxtrain preview --data data/train --out runs/preview.png --count 32'],
  async run(flags, io) {
    const { runPreview } = await loadPreview();
    await runPreview({ data: flags.data, out: flags.out, count: flags.count, seed: flags.seed });
    io.out(`wrote ${flags.out}`);
  },
});
