import { defineCommand } from '../command.js';
import { classifierFromFlags, FEED_OPTIONS, MODEL_OPTIONS } from '../model-flags.js';

export const predictCommand = defineCommand({
  name: 'predict',
  summary: 'classify images with a trained model: top classes and probabilities',
  description:
    "Classify images (files, or folders searched recursively) with torchvision's evaluation transform (Resize(256), CenterCrop(224)) and print each image's top classes with their probabilities.",
  usage:
    'rxtrain predict IMAGE|DIR... (--weights FILE.pth | --checkpoint FILE) [--top N] [--labels FILE] [--json] [--logits] [--ten-crop] [--on-bad-image fail|skip]',
  positionals: { placeholder: 'IMAGE|DIR', min: 1 },
  options: {
    ...MODEL_OPTIONS,
    top: { type: 'integer', min: 1, default: 5, description: 'classes shown per image' },
    json: {
      type: 'boolean',
      description: 'print one JSON object per image: path, indices, names, probabilities (and logits)',
    },
    logits: { type: 'boolean', description: "also print the model's raw outputs (before softmax) of the top classes" },
    ...FEED_OPTIONS,
  },
  examples: [
    'rxtrain predict photo.jpg --weights data/alexnet-owt-7be5be79.pth',
    'rxtrain predict data/test --checkpoint runs/catdog/checkpoints/best.ckpt --top 1 --json',
  ],
  async run(flags, io, inputs) {
    const [{ imageFiles, predict }, { from, lastValueFrom, tap }] = await Promise.all([
      import('../../infer/index.js'),
      import('rxjs'),
    ]);
    const files = await imageFiles(inputs);
    const classifier = await classifierFromFlags(flags);
    const percent = (p: number) => `${(p * 100).toFixed(2).padStart(6)}%`;
    const label = (index: number, name: string) => (name === String(index) ? name : `${index}: ${name}`);
    // A name with a newline or another control character would forge lines: such a path is printed as a JSON string.
    const printable = (path: string) => (/[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path);
    try {
      const predictions$ = from(files).pipe(
        predict(classifier, {
          top: flags.top,
          tenCrop: flags['ten-crop'],
          batchSize: flags['batch-size'],
          onBadImage: flags['on-bad-image'] as 'fail' | 'skip',
          logits: flags.logits,
          onSkipped: (file) => io.err(`rxtrain: skipped ${printable(file.path)}: ${file.reason}`),
        }),
        tap((p) =>
          io.out(
            flags.json
              ? JSON.stringify(p)
              : [
                  printable(p.path),
                  ...p.names.map(
                    (name, i) =>
                      `  ${percent(p.probabilities[i]!)}  ${p.logits ? `${p.logits[i]!.toFixed(4).padStart(10)}  ` : ''}${label(p.indices[i]!, name)}`,
                  ),
                ].join('\n'),
          ),
        ),
      );
      await lastValueFrom(predictions$, { defaultValue: undefined });
    } finally {
      classifier.model.dispose();
    }
  },
});
