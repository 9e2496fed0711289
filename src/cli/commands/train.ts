import { defineCommand } from '../command.js';
import { DASHBOARD_FLAG } from '../live-dashboard.js';
import { runTraining } from '../run-training.js';
import { listKaggleFolder } from '../../data/sources/kaggle-folder.js';
import { webDataset } from '../../data/shards/index.js';
import { isShardData } from '../../train/default-data.js';
import { UsageError } from '../flags/errors.js';
import { defaultRunDir, namingFlags, TRAIN_OPTIONS, trainConfigFromFlags } from '../train-flags.js';

/** The class count of a Kaggle folder (its distinct file-name prefixes), or of a shard set (its index's classes). */
async function discoverClasses(folder: string): Promise<number> {
  const { classes } = isShardData(folder) ? { classes: (await webDataset(folder).classes()) ?? [] } : await listKaggleFolder(folder);
  if (classes.length < 2) {
    throw new UsageError(`--data ${folder}: its file names give ${classes.length} class (${classes.join(', ')}); training needs at least 2 (<class>.<id>.<ext>)`);
  }
  return classes.length;
}

export const trainCommand = defineCommand({
  name: 'train',
  summary: 'fine-tune AlexNet on a cats-vs-dogs folder, as the seed script does',
  description:
    "Fine-tune AlexNet on a cats-vs-dogs folder as the seed script does: prints the seed's progress lines and writes events.jsonl, curves.png, kernels.png, feature-maps.png, a TensorBoard event file (events.out.tfevents.*) and checkpoints/ into --out.",
  usage: 'rxtrain train --data DIR|URL [options]',
  options: { ...TRAIN_OPTIONS, dashboard: DASHBOARD_FLAG },
  examples: [
    'rxtrain train --data data/train --weights data/alexnet-owt-4df8aa71.pth --out runs/catdog',
    'rxtrain train --data data/train --out runs/catdog --resume latest',
    'rxtrain train --data data/train --width-divisor 8 --image-size 64 --max-iterations 20 --backend wasm',
    'rxtrain train --data data/train --out runs/catdog --dashboard',
    'rxtrain train --data s3://bucket/shards/catdog --out runs/catdog',
  ],
  async run(flags, io) {
    const outDir = flags.out ?? defaultRunDir(new Date());
    const numClasses = flags['num-classes'] ?? (await discoverClasses(flags.data));
    const config = trainConfigFromFlags({ ...flags, 'num-classes': numClasses }, outDir);
    await namingFlags(() => runTraining({ ...config, outDir }, io, { logInterval: flags['log-interval'], bar: flags.progress === 'bar', dashboard: flags.dashboard }));
  },
});
