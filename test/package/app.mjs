// A user's plain-Node script (no TypeScript, no loader): trains 2 steps on a folder given as argv[2].
import { trainStream } from 'rxtrain';

const [data, outDir] = process.argv.slice(2);
trainStream({
  data,
  outDir,
  widthDivisor: 16,
  imageSize: 64,
  batchSize: 4,
  epochs: 1,
  maxIterations: 2,
  lrDecay: null,
  backend: 'cpu',
}).subscribe({
  next: (e) => {
    if (e.kind === 'step') console.log(`step ${e.step} loss ${e.loss.toFixed(4)}`);
    if (e.kind === 'done') console.log(`done ${e.steps} steps`);
  },
  error: (error) => {
    console.error(error);
    process.exitCode = 1;
  },
});
