// The seed's script: fine-tune AlexNet on a Kaggle cats-vs-dogs folder.
// Run: npx tsx examples/train-catdog.ts data/train data/alexnet-owt-4df8aa71.pth
import { trainStream } from '../src/index.js';

const [data = 'data/train', weights] = process.argv.slice(2);

trainStream({ data, weights, numClasses: 2, outDir: 'runs/catdog' }).subscribe({
  next: (e) => {
    if (e.kind === 'step') {
      const epoch = String(e.epoch + 1).padStart(3, '0');
      console.log(
        `Training:Epoch[${epoch}/003] Iteration[${String(e.iteration).padStart(3, '0')}/${e.iterations}] Loss: ${e.loss.toFixed(4)} Acc:${(100 * e.accuracy).toFixed(2)}%`,
      );
    }
    if (e.kind === 'validation')
      console.log(`Valid: Epoch[${e.epoch + 1}] Loss: ${e.loss.toFixed(4)} Acc:${(100 * e.accuracy).toFixed(2)}%`);
    if (e.kind === 'skipped') console.warn(`skipped ${e.path}: ${e.reason}`);
  },
  error: (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
});
