import { defineCommand } from '../command.js';
import { runTraining } from '../run-training.js';
import { defaultRunDir, TRAIN_OPTIONS, trainConfigFromFlags } from '../train-flags.js';

export const trainCommand = defineCommand({
  name: 'train',
  summary: 'fine-tune AlexNet on a cats-vs-dogs folder, as the seed script does',
  description:
    "Fine-tune AlexNet on a cats-vs-dogs folder as the seed script does: prints the seed's progress lines and writes events.jsonl, curves.png, kernels.png, feature-maps.png, a TensorBoard event file (events.out.tfevents.*) and checkpoints/ into --out.",
  usage: 'rxtrain train --data DIR [options]',
  options: TRAIN_OPTIONS,
  examples: [
    'rxtrain train --data data/train --weights data/alexnet-owt-4df8aa71.pth --out runs/catdog',
    'rxtrain train --data data/train --out runs/catdog --resume latest',
    'rxtrain train --data data/train --width-divisor 8 --image-size 64 --max-iterations 20 --backend wasm',
  ],
  async run(flags, io) {
    const outDir = flags.out ?? defaultRunDir(new Date());
    await runTraining({ ...trainConfigFromFlags(flags, outDir), outDir }, io, {
      logInterval: flags['log-interval'],
      bar: flags.progress === 'bar',
    });
  },
});
