import type * as tf from '@tensorflow/tfjs';
import { initBackend, assertBatchFitsDevice } from '../../backend/index.js';
import type { BatchLoader } from '../../data/index.js';
import { configRecord, type ResolvedConfig } from './config.js';
import { classificationLoaders } from './default-data.js';
import { buildModel } from './default-model.js';
import { ConfigError, RunContext } from '../loop/index.js';
import { lossFor, optimizerFor, trainLoaderFor } from './recipe-parts.js';
import type { TrainLoader } from '../loop/index.js';

/** A run's parts before anything trains: what `trainStream` and the learning-rate finder start from. */
export interface AssembledRun {
  readonly model: tf.LayersModel;
  readonly context: RunContext;
  readonly loaders: {
    readonly train: BatchLoader;
    /** The training batches as the run takes them: mixed when the configuration mixes. */
    readonly mixedTrain: TrainLoader;
    readonly valid?: BatchLoader;
  };
  readonly classes: readonly string[];
  /** Frees the optimiser's state and the model. */
  dispose(): void;
}

/** Selects the backend, makes the loaders, checks the classes, builds the model, the optimiser and the loss. */
export async function assembleRun(run: ResolvedConfig, signal: AbortSignal): Promise<AssembledRun> {
  await initBackend({ backend: run.backend });
  const loaders = typeof run.data === 'string' ? await classificationLoaders(run.data, run) : run.data;
  const classes = await loaders.train.classes();
  if (classes.length !== run.numClasses) {
    throw new ConfigError(
      'numClasses',
      `${classes.length}, the training data's classes (${classes.join(', ')})`,
      run.numClasses,
    );
  }
  const model = await buildModel(run, signal);
  let context: RunContext | undefined;
  const dispose = (): void => {
    context?.dispose();
    model.dispose();
  };
  try {
    assertBatchesFit(model, run);
    context = new RunContext({
      model,
      optimizer: optimizerFor(model, run),
      loss: lossFor(run),
      seed: run.seed,
      config: { ...configRecord(run), classes },
    });
    return {
      model,
      context,
      loaders: { ...loaders, mixedTrain: trainLoaderFor(loaders.train, run) },
      classes,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** The training batch, and on a folder the ten-crop validation batch, fit the device (webgpu only). */
function assertBatchesFit(model: tf.LayersModel, config: ResolvedConfig): void {
  const image = [config.imageSize, config.imageSize, 3];
  assertBatchFitsDevice(model, [config.batchSize, ...image]);
  if (typeof config.data === 'string') assertBatchFitsDevice(model, [config.validBatchSize * TEN_CROPS, ...image]);
}

const TEN_CROPS = 10;
