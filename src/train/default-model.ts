import type * as tf from '@tensorflow/tfjs';
import { alexnet } from '../models/alexnet.js';
import { loadWeights } from '../models/load-weights.js';
import { loadTorchCheckpoint } from '../models/torch/checkpoint.js';
import type { ModelFactory, ResolvedConfig } from './config.js';

/** torchvision's AlexNet, `widthDivisor` times narrower, seeded by the run's seed. */
export const defaultModel: ModelFactory = ({ numClasses, widthDivisor, seed }) => alexnet({ numClasses, widthDivisor, seed });

/**
 * The run's model: `config.model` (AlexNet by default) with `numClasses` outputs, and the `.pth`
 * weights of `config.weights` when given. A checkpoint whose head has another class count loads
 * into everything but the head, which keeps its fresh initialisation: the seed's
 * `classifier[6] = nn.Linear(4096, num_classes)` after loading the ImageNet weights. `signal` stops
 * the weights' parse.
 */
export async function buildModel(config: ResolvedConfig, signal?: AbortSignal): Promise<tf.LayersModel> {
  const factory = config.model ?? defaultModel;
  const stateDict = config.weights === undefined ? undefined : await loadTorchCheckpoint(config.weights, { signal });
  const model = factory({ numClasses: config.numClasses, imageSize: config.imageSize, widthDivisor: config.widthDivisor, seed: config.seed });
  if (stateDict === undefined) return model;
  try {
    const head = model.layers[model.layers.length - 1].name;
    const headClasses = stateDict.get(`${head}.weight`)?.shape[0];
    loadWeights(model, stateDict, { skip: headClasses === config.numClasses ? [] : [head] });
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}
