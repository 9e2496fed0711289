import { initBackend } from '../../src/backend/index.js';
import { parameterGroups } from '../../src/models/parameter-groups.js';
import { runContext, sgd, type ModelFactory, type RunContext, type TrainConfig } from '../../src/train/index.js';
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
  const loader = memoryLoader(data.images, data.labels, {
    batchSize: options.batchSize ?? 8,
    sampleShape: [SIZE, SIZE, 3],
    seed: 5,
  });
  const dispose = () => {
    context.dispose();
    model.dispose();
  };
  return { model, optimizer, context, loader, data, dispose };
}

/**
 * `trainStream` configs over in-memory shapes: `trainCount` training images in batches of 8, 8
 * validation images in batches of 4, the tiny model on cpu at lr 0.01; `base`, then each call's
 * `extra`, override. The images are made once.
 */
export function tinyTrainConfigs(
  trainCount: number,
  base: Partial<TrainConfig> = {},
): (extra?: Partial<TrainConfig>) => TrainConfig {
  const model: ModelFactory = ({ numClasses, imageSize }) =>
    tinyModel({ size: imageSize, classes: numClasses, seed: 3 });
  const train = shapesDataset(trainCount, SIZE, 21);
  const valid = shapesDataset(8, SIZE, 22);
  return (extra = {}) => ({
    data: {
      train: memoryLoader(train.images, train.labels, { batchSize: 8, sampleShape: [SIZE, SIZE, 3], seed: 1 }),
      valid: memoryLoader(valid.images, valid.labels, { batchSize: 4, sampleShape: [SIZE, SIZE, 3] }),
    },
    model,
    imageSize: SIZE,
    backend: 'cpu',
    lr: 0.01,
    ...base,
    ...extra,
  });
}

export const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

export const useCpu = async () => {
  await initBackend({ backend: 'cpu' });
};
