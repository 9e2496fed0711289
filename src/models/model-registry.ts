import type * as tf from '@tensorflow/tfjs';
import type { ModelFactory } from './model-factory.js';
import { alexnet } from './alexnet.js';
import { ModelOptionError } from './errors.js';
import { mobilenetV2 } from './torchvision/mobilenet-v2.js';
import { mobilenetV3Large, mobilenetV3Small } from './torchvision/mobilenet-v3.js';
import { resnet18, resnet34, resnet50 } from './torchvision/resnet.js';
import type { TorchvisionModelOptions } from './torchvision/torchvision-options.js';

/** The model families rxtrain builds, by torchvision's names. */
export const MODEL_NAMES = [
  'alexnet',
  'resnet18',
  'resnet34',
  'resnet50',
  'mobilenet_v2',
  'mobilenet_v3_small',
  'mobilenet_v3_large',
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

const BUILDERS: Readonly<Record<ModelName, (options: TorchvisionModelOptions) => tf.LayersModel>> = {
  alexnet,
  resnet18,
  resnet34,
  resnet50,
  mobilenet_v2: mobilenetV2,
  mobilenet_v3_small: mobilenetV3Small,
  mobilenet_v3_large: mobilenetV3Large,
};

export const isModelName = (value: unknown): value is ModelName =>
  typeof value === 'string' && (MODEL_NAMES as readonly string[]).includes(value);

/** The smallest square input each family is built and tested for. */
const MIN_IMAGE_SIZE: Readonly<Record<ModelName, number>> = {
  alexnet: 63,
  resnet18: 32,
  resnet34: 32,
  resnet50: 32,
  mobilenet_v2: 32,
  mobilenet_v3_small: 32,
  mobilenet_v3_large: 32,
};

/** Builds the family `name` (`'resnet18'`, `'mobilenet_v2'`, …) with torchvision's layer names; throws `ModelOptionError` for an unknown name. */
export function createModel(name: string, options: TorchvisionModelOptions = {}): tf.LayersModel {
  if (!isModelName(name)) throw new ModelOptionError('model', `one of ${MODEL_NAMES.join(', ')}`, name);
  return BUILDERS[name](options);
}

/** `createModel(name)` as a training run's model factory (`TrainConfig.model`), seeded by the run. */
export function modelFactory(name: string): ModelFactory {
  if (!isModelName(name)) throw new ModelOptionError('model', `one of ${MODEL_NAMES.join(', ')}`, name);
  const factory = ({ numClasses, widthDivisor, seed }: Parameters<ModelFactory>[0]) =>
    createModel(name, { numClasses, widthDivisor, seed });
  Object.defineProperty(factory, 'name', { value: name });
  return Object.assign(factory, { minImageSize: MIN_IMAGE_SIZE[name] });
}
