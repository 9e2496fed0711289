import { defineCommand } from '../command.js';
import { TRAIN_OPTIONS, namingFlags, trainConfigFromFlags, type TrainFlags } from '../train-flags.js';

const {
  epochs,
  resume,
  force,
  'val-interval': _v,
  'log-interval': _l,
  progress,
  out,
  'max-iterations': _m,
  ...MODEL_AND_RECIPE
} = TRAIN_OPTIONS;
void [epochs, resume, force, _v, _l, progress, out, _m];

export const lrFindCommand = defineCommand({
  name: 'lr-find',
  summary: 'find a learning rate: a short run at an exponentially rising rate (fastai lr_find)',
  description:
    "The learning-rate range test: trains the model --data and the training flags describe at a rate rising exponentially from --start-lr to --end-lr over --num-iter steps, stops once the smoothed loss exceeds 4× its best, and writes lr-find.png (smoothed loss against lr) and lr-find.json into --out. The suggestion is the rate at the lowest smoothed loss ÷ 10 (fastai's 'minimum'); the steepest descent (fastai's 'steep') is reported beside it. Nothing is trained for good: the model and optimiser are put back as they were.",
  usage: 'rxtrain lr-find --data DIR [training options] [--start-lr 1e-7] [--end-lr 10] [--num-iter 100] [--out DIR]',
  options: {
    ...MODEL_AND_RECIPE,
    'start-lr': { type: 'number', above: 0, default: 1e-7, description: 'the ramp starts here' },
    'end-lr': { type: 'number', above: 0, default: 10, description: 'and ends here' },
    'num-iter': {
      type: 'integer',
      min: 2,
      default: 100,
      description: 'steps of the ramp (it stops sooner if the loss diverges)',
    },
    out: {
      type: 'string',
      placeholder: 'DIR',
      default: 'runs/lr-find',
      description: 'where lr-find.png and lr-find.json go',
    },
  },
  examples: [
    'rxtrain lr-find --data runs/demo/data --init kaiming --width-divisor 4 --image-size 64 --batch-size 16',
    'rxtrain lr-find --data data/train --weights data/alexnet-owt-4df8aa71.pth --optimizer adamw --out runs/lr-find',
  ],
  async run(flags, io) {
    const [
      { resolveConfig, assembleRun, lrFinder, lrFinderChartSpec },
      { renderChart },
      { writeFile, mkdir },
      { join },
    ] = await Promise.all([
      import('../../train/index.js'),
      import('../../report/index.js'),
      import('node:fs/promises'),
      import('node:path'),
    ]);
    const trainFlags = {
      ...flags,
      epochs: 1,
      'val-interval': 1,
      'log-interval': 1,
      progress: 'lines',
      force: false,
    } as TrainFlags;
    const config = resolveConfig({
      ...trainConfigFromFlags(trainFlags, flags.out),
      outDir: undefined,
      schedule: null,
      lrDecay: null,
    });
    const run = await namingFlags(() => assembleRun(config, new AbortController().signal));
    try {
      const result = await lrFinder(run.context, run.loaders.mixedTrain, {
        startLr: flags['start-lr'],
        endLr: flags['end-lr'],
        numIter: flags['num-iter'],
      });
      await mkdir(flags.out, { recursive: true });
      const plot = join(flags.out, 'lr-find.png');
      const record = join(flags.out, 'lr-find.json');
      await renderChart(lrFinderChartSpec(result), plot);
      await writeFile(record, `${JSON.stringify(result, null, 1)}\n`);
      io.out(
        `${result.lrs.length} steps, ${result.stopped === 'diverged' ? 'stopped when the smoothed loss passed 4× its best' : 'the whole ramp'}`,
      );
      io.out(`steepest descent at lr ${result.steepest.toPrecision(3)}`);
      io.out(`suggested lr (minimum ÷ 10): ${result.suggestion.toPrecision(3)}`);
      io.out(`wrote ${plot} and ${record}`);
    } finally {
      run.dispose();
    }
  },
});
