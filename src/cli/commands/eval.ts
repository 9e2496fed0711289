import { defineCommand } from '../command.js';
import { classifierFromFlags, FEED_OPTIONS, MODEL_OPTIONS } from '../model-flags.js';

export const evalCommand = defineCommand({
  name: 'eval',
  summary: 'evaluate a model on a labelled folder: top-1/top-5 error, per class, confusion matrix',
  description:
    "Evaluate a model on every image of a labelled folder (Kaggle-style cat.N.jpg names, or torchvision's ImageFolder: one sub-folder per class, or its val/ beside train/) the paper's way: top-1 and top-5 accuracy and error (top-5 with more than 5 classes), accuracy per class, and the confusion matrix.",
  usage: 'rxtrain eval DATA (--weights FILE.pth | --checkpoint FILE) [--ten-crop] [--on-bad-image fail|skip] [--json]',
  positionals: { placeholder: 'DATA', min: 1 },
  options: {
    ...MODEL_OPTIONS,
    json: { type: 'boolean', description: 'print the whole evaluation as one JSON object' },
    ...FEED_OPTIONS,
  },
  examples: [
    'rxtrain eval data/val --weights data/alexnet-owt-7be5be79.pth --ten-crop',
    'rxtrain eval data/test --checkpoint runs/catdog/checkpoints/best.ckpt --json',
  ],
  async run(flags, io, inputs) {
    const [{ evaluateFolder, formatEvaluation }, { UnexpectedArgumentError }] = await Promise.all([
      import('../../infer/index.js'),
      import('../flags/errors.js'),
    ]);
    if (inputs.length > 1) throw new UnexpectedArgumentError(inputs[1]!);
    const classifier = await classifierFromFlags(flags);
    try {
      const evaluation = await evaluateFolder(classifier, inputs[0]!, {
        tenCrop: flags['ten-crop'],
        batchSize: flags['batch-size'],
        onBadImage: flags['on-bad-image'] as 'fail' | 'skip',
      });
      io.out(
        flags.json
          ? JSON.stringify({ model: classifier.description, ...evaluation })
          : `model: ${classifier.description}\n${formatEvaluation(evaluation)}`,
      );
    } finally {
      classifier.model.dispose();
    }
  },
});
