// A TypeScript user of the package, type-checked against its shipped .d.ts under strict settings.
import { alexnet, initBackend, trainStream, type TrainConfig, type TrainEvent } from 'rxtrain';

const config: TrainConfig = { data: 'data/train', outDir: 'runs/catdog', epochs: 1, backend: 'auto' };
const describe = (event: TrainEvent): string =>
  event.kind === 'step' ? `${event.epoch} ${event.loss.toFixed(4)}` : event.kind;

export async function main(): Promise<number> {
  const { name } = await initBackend();
  const model = alexnet({ numClasses: 2, widthDivisor: 16 });
  trainStream(config).subscribe((event) => console.log(name, describe(event)));
  return model.countParams();
}
