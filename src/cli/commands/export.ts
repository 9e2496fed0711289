import { UsageError } from '../flags/errors.js';
import { defineCommand } from '../command.js';
import { classifierFromFlags, MODEL_OPTIONS } from '../model-flags.js';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'write a trained model for PyTorch (.pth) or TensorFlow.js, or a run for torchrun',
  description:
    "Write a model for other tools: --format pth writes a torch.save state dict with torchvision's key names and layouts, which at width 1 torchvision.models.alexnet(num_classes=N).load_state_dict(torch.load(PATH, weights_only=True)) loads (class names beside it in PATH.labels.txt; a narrower model needs an AlexNet built at its widths); --format tfjs writes a TensorFlow.js model folder (model.json, weights.bin); --format torchrun writes model.pth, optimizer.pth (torch.optim's state_dict), run.json and a train.py that continues the run under torchrun (see docs/scaling-out.md).",
  usage: 'rxtrain export (--checkpoint FILE | --weights FILE.pth) --format pth|tfjs|torchrun --out PATH [--force]',
  options: {
    ...MODEL_OPTIONS,
    format: {
      type: 'choice',
      choices: ['pth', 'tfjs', 'torchrun'],
      placeholder: 'pth|tfjs|torchrun',
      default: 'pth',
      description:
        'pth: PyTorch state dict; tfjs: TensorFlow.js model folder; torchrun: the run, continued by train.py under torchrun',
    },
    out: {
      type: 'string',
      placeholder: 'PATH',
      required: true,
      description: 'the .pth file, or the folder for tfjs and torchrun',
    },
    force: { type: 'boolean', description: 'replace files already at --out (never the model being exported)' },
  },
  examples: [
    'rxtrain export --checkpoint runs/catdog/checkpoints/best.ckpt --format pth --out runs/catdog/alexnet-catdog.pth',
    'rxtrain export --checkpoint runs/catdog/checkpoints/best.ckpt --format tfjs --out runs/catdog/tfjs',
    'rxtrain export --checkpoint runs/catdog/checkpoints/epoch-0001.ckpt --format torchrun --out runs/catdog/torchrun',
  ],
  async run(flags, io) {
    if (flags.format === 'torchrun') {
      if (flags.checkpoint === undefined)
        throw new UsageError(
          '--format torchrun: expected --checkpoint FILE, the rxtrain checkpoint whose run continues',
        );
      const { exportTorchrun } = await import('../../torchrun/index.js');
      const written = await exportTorchrun(flags.checkpoint, flags.out);
      io.out(
        `${written.map((file) => `wrote ${file}`).join('\n')}\ncontinue with: torchrun --nproc_per_node N ${flags.out}/train.py`,
      );
      return;
    }
    const { exportModel } = await import('../../infer/index.js');
    const classifier = await classifierFromFlags(flags);
    try {
      const sources = [flags.checkpoint, flags.weights].filter((path): path is string => path !== undefined);
      const written = await exportModel(classifier, flags.format as 'pth' | 'tfjs', flags.out, {
        sources,
        force: flags.force,
      });
      io.out(`${classifier.description}\n${written.map((file) => `wrote ${file}`).join('\n')}`);
    } finally {
      classifier.model.dispose();
    }
  },
});
