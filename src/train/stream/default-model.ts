import type * as tf from '@tensorflow/tfjs';
import {
  alexnet,
  ALEXNET_MIN_INPUT_SIZE,
  freezeBatchNorm,
  emptyLayerAt,
  smallestInputSize,
  loadWeights,
  loadTorchCheckpoint,
} from '../../models/index.js';
import type { ModelFactory } from '../../models/index.js';
import type { ResolvedConfig } from './config.js';
import { ConfigError } from '../loop/index.js';

/** torchvision's AlexNet, `widthDivisor` times narrower, seeded by the run's seed. */
export const defaultModel: ModelFactory = Object.assign(
  ({ numClasses, widthDivisor, seed }: Parameters<ModelFactory>[0]) => alexnet({ numClasses, widthDivisor, seed }),
  { minImageSize: ALEXNET_MIN_INPUT_SIZE.torchvision },
);

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
  const model = factory({
    numClasses: config.numClasses,
    imageSize: config.imageSize,
    widthDivisor: config.widthDivisor,
    seed: config.seed,
  });
  try {
    checkImageSize(model, config.imageSize);
    if (config.freezeBatchNorm) freezeBatchNorm(model);
    if (stateDict === undefined) return model;
    const head = model.layers[model.layers.length - 1]!.name;
    const headClasses = stateDict.get(`${head}.weight`)?.shape[0];
    loadWeights(model, stateDict, { skip: headClasses === config.numClasses ? [] : [head] });
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/**
 * A model taking any input size whose layers cannot take `imageSize` (a pooling output would be
 * empty) is a `ConfigError`; a model built for one size was checked when it was built.
 */
function checkImageSize(model: tf.LayersModel, imageSize: number): void {
  const [, height, width] = model.inputs[0]!.shape;
  if (height !== null || width !== null) return;
  const empty = emptyLayerAt(model, imageSize);
  if (empty === undefined) return;
  const smallest = smallestInputSize(model);
  const expected = smallest === undefined ? 'a larger size' : `an integer ≥ ${smallest}`;
  throw new ConfigError(
    'imageSize',
    `${expected}, the smallest input model ${model.name} accepts (layer ${empty} would have an empty output)`,
    imageSize,
  );
}
