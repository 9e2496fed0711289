import * as tf from '@tensorflow/tfjs';
import { ensureBackend } from '../backend/index.js';
import {
  alexnet,
  checkFinite,
  emptyLayerAt,
  smallestInputSize,
  inferArchitecture,
  modelFromStateDict,
  createModel,
  isModelName,
  knownWeights,
  loadTorchCheckpoint,
} from '../models/index.js';
import { readCheckpoint } from '../train/index.js';
import { defaultClassNames, readLabelsFile } from './class-names.js';
import { InferenceInputError, InputTooSmallError } from './errors.js';

/** A model ready for inference, with what it needs to be fed and read. */
export interface Classifier {
  readonly model: tf.LayersModel;
  /** Class names, index = output. */
  readonly classes: readonly string[];
  /** The crop side the model was trained on (224 for a `.pth`, the run's `imageSize` for a checkpoint). */
  readonly imageSize: number;
  /** The shorter side images are resized to before the crop; undefined: `imageSize · 256 / 224`. Known torchvision weights give their own (ResNet-50's V2: 232). */
  readonly resizeSize?: number | undefined;
  /** The model family (`alexnet`, `resnet18`, …), or the run's own factory's name. */
  readonly family: string;
  /** One line on where the model came from. */
  readonly description: string;
}

interface ClassifierOptions {
  /** Class names file, one per line. */
  readonly labels?: string | undefined;
  /** The crop side, instead of the model's own (224 for a `.pth`, the run's for a checkpoint). */
  readonly imageSize?: number | undefined;
  /** The resize before the crop, instead of the weights' own. */
  readonly resizeSize?: number | undefined;
}

export type ClassifierSource =
  | (ClassifierOptions & { readonly weights: string; readonly checkpoint?: undefined })
  | (ClassifierOptions & { readonly checkpoint: string; readonly weights?: undefined });

/**
 * Loads a classifier from a PyTorch `.pth` state dict (its architecture read off its keys: variant,
 * width, classes) or from an rxtrain checkpoint (the run's recorded options; a run with its own
 * model factory loads when its weights are those of torchvision's AlexNet, as the demo's). Names come
 * from `labels` (one per line), else the run's classes, else ImageNet's for 1000 outputs.
 */
export async function loadClassifier(source: ClassifierSource): Promise<Classifier> {
  await ensureBackend();
  const loaded =
    source.weights !== undefined ? await fromWeights(source.weights) : await fromCheckpoint(source.checkpoint);
  try {
    const numClasses = outputsOf(loaded.model);
    const classes =
      source.labels !== undefined
        ? await readLabelsFile(source.labels, numClasses)
        : (loaded.classes ?? defaultClassNames(numClasses));
    const imageSize = source.imageSize ?? loaded.imageSize;
    const empty = emptyLayerAt(loaded.model, imageSize);
    if (empty !== undefined) {
      throw new InputTooSmallError(
        source.weights ?? source.checkpoint,
        imageSize,
        smallestInputSize(loaded.model),
        empty,
      );
    }
    return {
      ...loaded,
      classes,
      imageSize,
      resizeSize: source.resizeSize ?? (source.imageSize === undefined ? loaded.resizeSize : undefined),
    };
  } catch (error) {
    loaded.model.dispose();
    throw error;
  }
}

type Loaded = Omit<Classifier, 'classes'> & { readonly classes?: readonly string[] | undefined };

const outputsOf = (model: tf.LayersModel): number => model.outputs[0]!.shape.at(-1) as number;

async function fromWeights(path: string): Promise<Loaded> {
  const stateDict = await loadTorchCheckpoint(path, { checkShapes: (shapes) => void inferArchitecture(shapes, path) });
  const { model, architecture } = modelFromStateDict(stateDict, path);
  const known = knownWeights(path);
  const imageSize = known?.crop ?? (architecture.variant === 'paper' ? 227 : 224);
  const width = architecture.widthDivisor === 1 ? '' : `, width ÷ ${architecture.widthDivisor}`;
  const family =
    architecture.model === 'alexnet'
      ? `AlexNet (${architecture.variant}${width})`
      : `${architecture.model}${width === '' ? '' : ` (${width.slice(2)})`}`;
  const transform =
    known === undefined ? '' : ` (${known.weights}: Resize(${known.resize}) → CenterCrop(${known.crop}))`;
  return {
    model,
    imageSize,
    resizeSize: known?.resize,
    family: architecture.model,
    description: `${path}: ${family}, ${architecture.numClasses} classes${transform}`,
  };
}

interface RecordedConfig {
  readonly numClasses?: unknown;
  readonly widthDivisor?: unknown;
  readonly imageSize?: unknown;
  readonly model?: unknown;
  readonly classes?: unknown;
}

async function fromCheckpoint(path: string): Promise<Loaded> {
  const state = await readCheckpoint(path);
  const config = (state.config ?? {}) as RecordedConfig;
  const integer = (key: keyof RecordedConfig): number => {
    const value = config[key];
    if (!Number.isInteger(value))
      throw new InferenceInputError(
        path,
        `the checkpoint's recorded config has no integer ${key} (got ${JSON.stringify(value)}); only checkpoints of rxtrain train runs can be loaded`,
      );
    return value as number;
  };
  const numClasses = integer('numClasses');
  const widthDivisor = integer('widthDivisor');
  const imageSize = integer('imageSize');
  const family = isModelName(config.model) ? config.model : 'alexnet';
  const model =
    family === 'alexnet'
      ? alexnet({ numClasses, widthDivisor, seed: 0 })
      : createModel(family, { numClasses, widthDivisor, initialize: false });
  const factory =
    config.model === undefined || config.model === null || isModelName(config.model)
      ? ''
      : ` (the run's model factory ${JSON.stringify(config.model)} is not one rxtrain builds: build that model and restore the weights yourself)`;
  try {
    const unexpected = Object.keys(state.weights).filter((name) => !model.weights.some((w) => w.originalName === name));
    if (unexpected.length > 0)
      throw new InferenceInputError(
        path,
        `weights ${unexpected.slice(0, 3).join(', ')} are not rxtrain's ${family === 'alexnet' ? 'AlexNet' : family}'s${factory}`,
      );
    for (const weight of model.weights) {
      const saved = state.weights[weight.originalName];
      if (saved === undefined || saved.shape.join() !== weight.shape.join()) {
        throw new InferenceInputError(
          path,
          `weight ${weight.originalName} is ${saved === undefined ? 'missing' : `[${saved.shape}], the model's [${weight.shape}]`}${factory}`,
        );
      }
      checkFinite(weight.originalName, saved.values, path);
      tf.tidy(() => {
        weight.write(tf.tensor(saved.values, [...saved.shape], 'float32'));
      });
    }
  } catch (error) {
    model.dispose();
    throw error;
  }
  const classes =
    Array.isArray(config.classes) &&
    config.classes.length === numClasses &&
    config.classes.every((c) => typeof c === 'string')
      ? config.classes
      : undefined;
  const width = widthDivisor === 1 ? '' : `, width ÷ ${widthDivisor}`;
  const name =
    family === 'alexnet' ? `AlexNet (torchvision${width})` : `${family}${width === '' ? '' : ` (${width.slice(2)})`}`;
  return {
    model,
    imageSize,
    classes,
    family,
    description: `${path}: ${name}, ${numClasses} classes, epoch ${state.epoch}`,
  };
}
