import { defineCommand } from '../command.js';
import { DASHBOARD_FLAG } from '../live-dashboard.js';
import { runTraining } from '../run-training.js';
import { listDataFolder, webDataset } from '../../data/index.js';
import { isShardData, DEFAULTS } from '../../train/index.js';
import { UsageError } from '../flags/errors.js';
import { checkTrainingMemory } from '../training-memory.js';
import { cappedList } from '../../infer/index.js';
import { defaultRunDir, namingFlags, TRAIN_OPTIONS, trainConfigFromFlags } from '../train-flags.js';

/** The class count of a data folder (a Kaggle folder's file-name prefixes, an ImageFolder's class sub-folders), or of a shard set (its index's classes). */
async function discoverClasses(folder: string): Promise<number> {
  const { classes, layout } = isShardData(folder)
    ? { classes: (await webDataset(folder).classes()) ?? [], layout: 'shards' }
    : await listDataFolder(folder);
  if (classes.length < 2) {
    const [where, layoutHint] =
      layout === 'kaggle'
        ? ['its file names', ' (<class>.<id>.<ext>)']
        : layout === 'shards'
          ? ["its shard index's classes", '']
          : ['its class sub-folders', ''];
    throw new UsageError(
      `--data ${folder}: ${where} give ${classes.length} class${classes.length === 1 ? '' : 'es'} (${cappedList(classes)}); training needs at least 2${layoutHint}`,
    );
  }
  return classes.length;
}

export const trainCommand = defineCommand({
  name: 'train',
  summary: 'fine-tune a model on an image folder (Kaggle-style or ImageFolder) or a shard set, as the seed script does',
  description:
    "Fine-tune AlexNet on a Kaggle-style folder (cat.0.jpg, dog.0.jpg), a torchvision ImageFolder (cat/, dog/) or a shard set (rxtrain shard), as the seed script does: prints the seed's progress lines and writes events.jsonl, curves.png, kernels.png, feature-maps.png, a TensorBoard event file (events.out.tfevents.*) and checkpoints/ into --out.",
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
    const shape = {
      imageSize: flags['image-size'],
      widthDivisor: flags['width-divisor'],
      numClasses,
      batchSize: flags['batch-size'],
      validBatchSize: DEFAULTS.validBatchSize,
    };
    checkTrainingMemory(shape, config.backend ?? 'auto');
    const atChance = flags.weights === undefined && flags.init === 'torch' && flags.resume === undefined;
    const preface = atChance
      ? [
          "Notice: no --weights: training from PyTorch's default initialisation, which often stays at chance on AlexNet; --init kaiming (He-normal) learns from scratch",
        ]
      : [];
    await namingFlags(() =>
      runTraining({ ...config, outDir }, io, {
        logInterval: flags['log-interval'],
        bar: flags.progress === 'bar',
        preface,
        dashboard: flags.dashboard,
      }),
    );
  },
});
