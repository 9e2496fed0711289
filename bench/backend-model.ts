import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice } from '../src/backend/index.js';
import { createModel, parameterGroups } from '../src/models/index.js';
import { crossEntropy, sgd } from '../src/train/index.js';
import { runTorchScript, torchLabel } from './torch-python.js';

export interface ModelBenchOptions {
  readonly model: string;
  readonly backend: BackendChoice;
  readonly batch: number;
  readonly image: number;
  readonly steps: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Milliseconds of each timed training step (train-mode forward, gradients, SGD with momentum) of a torchvision family, after one untimed step. */
async function rxtrainSteps({ model: name, batch, image, steps }: ModelBenchOptions): Promise<number[]> {
  const model = createModel(name, { numClasses: 2, seed: 1 });
  const optimizer = sgd({ lr: 1e-3, momentum: 0.9, groups: parameterGroups(model) });
  const x = tf.randomNormal([batch, image, image, 3]);
  const y = tf.tensor1d(
    Array.from({ length: batch }, (_, i) => i % 2),
    'int32',
  );
  const step = async () => {
    const start = performance.now();
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => crossEntropy(model.apply(x, { training: true }) as tf.Tensor, y),
        optimizer.trainableVariables(),
      );
      optimizer.step(grads);
      return value;
    });
    await loss.data();
    loss.dispose();
    return performance.now() - start;
  };
  await step();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) times.push(await step());
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return times;
}

const torchStep = ({ model, batch, image, steps }: ModelBenchOptions) => `
import json, time, torch, torchvision, torch.nn as nn
torch.set_num_threads(2)
torch.manual_seed(0)
model = torchvision.models.${model}(num_classes=2); model.train()
opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
x = torch.randn(${batch}, 3, ${image}, ${image}); y = torch.arange(${batch}) % 2
def step():
    t = time.perf_counter()
    opt.zero_grad(); loss = nn.functional.cross_entropy(model(x), y); loss.backward(); opt.step()
    return (time.perf_counter() - t) * 1000
step()
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps_ms": [step() for _ in range(${steps})]}))
`;

/** `bench:backend --model NAME`: one family's training step in rxtrain and in PyTorch, in the same run, as ms per image and their ratio. */
export async function benchModel(options: ModelBenchOptions): Promise<void> {
  const active = await initBackend({ backend: options.backend });
  console.log(
    `${options.model}, 2 classes, batch ${options.batch}, ${options.image}×${options.image}, one training step = train-mode forward + gradients + SGD momentum`,
  );
  console.log(`${active.name}: ${active.reason}`);
  const ours = await rxtrainSteps(options);
  const ms = median(ours) / options.batch;
  console.log(
    `rxtrain ${active.name}: steps ${ours.map((m) => m.toFixed(0)).join(', ')} ms; ${ms.toFixed(1)} ms/image`,
  );
  const torch = runTorchScript<{ torch: string; threads: number; steps_ms: number[] }>(torchStep(options));
  if (typeof torch === 'string') return console.log(torch);
  const theirs = median(torch.steps_ms) / options.batch;
  console.log(
    `${torchLabel(torch)}: steps ${torch.steps_ms.map((m) => m.toFixed(0)).join(', ')} ms; ${theirs.toFixed(1)} ms/image`,
  );
  console.log(`rxtrain ${active.name} / PyTorch (ms per image): ${(ms / theirs).toFixed(2)}`);
}
