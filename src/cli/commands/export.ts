import { defineCommand } from '../command.js';
import { classifierFromFlags, MODEL_OPTIONS } from '../model-flags.js';

export const exportCommand = defineCommand({
  name: 'export',
  summary: "write a trained model for PyTorch (.pth) or TensorFlow.js",
  description:
    "Write a model for other tools: --format pth writes a torch.save state dict with torchvision's key names and layouts, which at width 1 torchvision.models.alexnet(num_classes=N).load_state_dict(torch.load(PATH, weights_only=True)) loads (class names beside it in PATH.labels.txt; a narrower model needs an AlexNet built at its widths); --format tfjs writes a TensorFlow.js model folder (model.json, weights.bin).",
  usage: 'rxtrain export (--checkpoint FILE | --weights FILE.pth) --format pth|tfjs --out PATH [--force]',
  options: {
    ...MODEL_OPTIONS,
    format: { type: 'choice', choices: ['pth', 'tfjs'], placeholder: 'pth|tfjs', default: 'pth', description: 'pth: PyTorch state dict; tfjs: TensorFlow.js model folder' },
    out: { type: 'string', placeholder: 'PATH', required: true, description: 'the .pth file, or the folder for tfjs' },
    force: { type: 'boolean', description: 'replace files already at --out (never the model being exported)' },
  },
  examples: [
    'rxtrain export --checkpoint runs/catdog/checkpoints/best.ckpt --format pth --out runs/catdog/alexnet-catdog.pth',
    'rxtrain export --checkpoint runs/catdog/checkpoints/best.ckpt --format tfjs --out runs/catdog/tfjs',
  ],
  async run(flags, io) {
    const { exportModel } = await import('../../infer/export-model.js');
    const classifier = await classifierFromFlags(flags);
    try {
      const sources = [flags.checkpoint, flags.weights].filter((path): path is string => path !== undefined);
      const written = await exportModel(classifier, flags.format as 'pth' | 'tfjs', flags.out, { sources, force: flags.force });
      io.out(`${classifier.description}\n${written.map((file) => `wrote ${file}`).join('\n')}`);
    } finally {
      classifier.model.dispose();
    }
  },
});
