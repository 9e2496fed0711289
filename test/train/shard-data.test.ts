import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { lastValueFrom, toArray } from 'rxjs';
import type { StepEvent, TrainEvent } from '../../src/train/index.js';
import { trainStream, type ModelFactory } from '../../src/train/index.js';
import { fileServer, shardSet } from '../data/shards/fixtures.js';
import { tinyModel } from './tiny-model.js';

const model: ModelFactory = ({ numClasses, imageSize }) =>
  tinyModel({ size: imageSize, classes: numClasses, seed: 3, dropout: 0 });
const steps = (events: readonly TrainEvent[]) => events.filter((e): e is StepEvent => e.kind === 'step');

test.serial(
  'folder → shards over HTTP → trainStream: each epoch trains on the same samples as the folder (one whole-split batch: the same loss)',
  async (t) => {
    const { data, out } = await shardSet(t, 16, 4);
    const server = await fileServer(t, out);
    const run = (source: string) =>
      lastValueFrom(
        trainStream({
          data: source,
          model,
          imageSize: 16,
          backend: 'cpu',
          split: 0.75,
          seed: 3,
          epochs: 2,
          batchSize: 12,
          validBatchSize: 2,
          lr: 0.05,
          lrDecay: null,
        }).pipe(toArray()),
      );
    const before = tf.memory().numTensors;
    const folderRun = await run(data);
    const shardRun = await run(server.url);
    t.is(tf.memory().numTensors, before);
    t.deepEqual(
      steps(shardRun).map((e) => [e.epoch, e.iteration, e.iterations]),
      [
        [0, 1, 1],
        [1, 1, 1],
      ],
    );
    steps(folderRun).forEach((step, i) =>
      t.true(
        Math.abs(steps(shardRun)[i]!.loss - step.loss) <= 1e-5 * Math.abs(step.loss),
        `epoch ${i}: ${steps(shardRun)[i]!.loss} vs ${step.loss}`,
      ),
    );
    const validation = (events: readonly TrainEvent[]) =>
      events.filter((e) => e.kind === 'validation').map((e) => (e as { loss: number }).loss);
    t.is(validation(shardRun).length, 2);
    validation(folderRun).forEach((loss, i) =>
      t.true(Math.abs(validation(shardRun)[i]! - loss) <= 1e-5 * Math.abs(loss)),
    );
  },
);
