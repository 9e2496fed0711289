import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend/index.js';
import { parameterGroups } from '../../src/models/parameter-groups.js';
import { runContext, sgd, type RunContext } from '../../src/train/index.js';
import { memoryLoader } from './memory-loader.js';
import { shapesDataset } from './shapes-dataset.js';
import { tinyModel } from './tiny-model.js';

export const SIZE = 16;

/** A tiny model, SGD with the seed's momentum, and a 24-image shapes loader in batches of 8. */
export function tinyRun(options: { seed?: number; lr?: number; count?: number; batchSize?: number } = {}) {
  const model = tinyModel({ size: SIZE, seed: 3 });
  const optimizer = sgd({ lr: options.lr ?? 0.05, momentum: 0.9, groups: parameterGroups(model) });
  const context: RunContext = runContext({ model, optimizer, seed: options.seed ?? 620 });
  const data = shapesDataset(options.count ?? 24, SIZE, 11);
  const loader = memoryLoader(data.images, data.labels, { batchSize: options.batchSize ?? 8, sampleShape: [SIZE, SIZE, 3], seed: 5 });
  const dispose = () => {
    context.dispose();
    model.dispose();
  };
  return { model, optimizer, context, loader, data, dispose };
}

export const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

export const useCpu = async () => {
  await initBackend({ backend: 'cpu' });
};
