import type { Classifier } from '../infer/index.js';
import { InputTooSmallError } from '../infer/index.js';
import { MODEL_NAMES } from '../models/index.js';
import { BACKEND_OPTION, backendOf } from './flags/backend-option.js';
import { InvalidOptionValueError, OptionConflictError } from './flags/errors.js';
import type { OptionSpecs } from './flags/option-spec.js';

/** Where a command's model comes from: exactly one of `--weights` and `--checkpoint`. */
export const MODEL_OPTIONS = {
  weights: {
    type: 'string',
    placeholder: 'FILE.pth',
    description: 'PyTorch state dict (AlexNet, ResNet, MobileNet); its architecture is read from its keys',
  },
  model: {
    type: 'choice',
    choices: MODEL_NAMES,
    description: "the model family expected (default: whatever the weights' keys or the run say); another is an error",
  },
  checkpoint: {
    type: 'string',
    placeholder: 'FILE',
    description: 'checkpoint of an rxtrain train run (e.g. runs/catdog/checkpoints/best.ckpt)',
  },
  labels: {
    type: 'string',
    placeholder: 'FILE',
    description: "class names, one per line (default: the run's classes, ImageNet's for 1000 outputs)",
  },
  'image-size': {
    type: 'integer',
    min: 8,
    description:
      "crop side fed to the model (default: 224 for a .pth, 227 for the paper's layout, the run's for a checkpoint)",
  },
  crop: { type: 'integer', min: 8, description: 'the same as --image-size' },
  resize: {
    type: 'integer',
    min: 8,
    description:
      "shorter side images are resized to before the crop (default: the known torchvision weights' own, e.g. 232 for ResNet-50's V2; else crop · 256 / 224)",
  },
  backend: BACKEND_OPTION,
} as const satisfies OptionSpecs;

/** How images are fed to the model by `predict` and `eval`. */
export const FEED_OPTIONS = {
  'ten-crop': {
    type: 'boolean',
    description: 'average the logits of ten crops (TenCrop(224)) instead of one centre crop',
  },
  'batch-size': { type: 'integer', min: 1, default: 16, description: 'images per forward pass' },
  'on-bad-image': {
    type: 'choice',
    choices: ['fail', 'skip'],
    default: 'fail',
    description: "a file that cannot be decoded: 'fail' stops the command, 'skip' reports it on stderr and goes on",
  },
} as const satisfies OptionSpecs;

interface ModelFlags {
  readonly weights?: string;
  readonly checkpoint?: string;
  readonly labels?: string;
  readonly 'image-size'?: number;
  readonly crop?: number;
  readonly resize?: number;
  readonly model?: string;
  readonly backend?: string;
}

/** Starts the backend and loads the classifier the flags name; the caller disposes its model. */
export async function classifierFromFlags(flags: ModelFlags): Promise<Classifier> {
  if ((flags.weights === undefined) === (flags.checkpoint === undefined))
    throw new OptionConflictError(['weights', 'checkpoint'], true);
  const [{ initBackend }, { loadClassifier }] = await Promise.all([
    import('../backend/index.js'),
    import('../infer/index.js'),
  ]);
  await initBackend({ backend: backendOf(flags.backend) });
  const source = flags.weights !== undefined ? { weights: flags.weights } : { checkpoint: flags.checkpoint! };
  const classifier = await loadClassifier({
    ...source,
    labels: flags.labels,
    imageSize: flags.crop ?? flags['image-size'],
    resizeSize: flags.resize,
  }).catch((error: unknown) => {
    if (!(error instanceof InputTooSmallError)) throw error;
    throw new InvalidOptionValueError(
      flags.crop === undefined ? 'image-size' : 'crop',
      String(error.imageSize),
      `${error.smallest === undefined ? 'a larger size' : `at least ${error.smallest}`} for the model of ${error.path}`,
    );
  });
  if (flags.model !== undefined && classifier.family !== flags.model) {
    classifier.model.dispose();
    throw new InvalidOptionValueError(
      'model',
      flags.model,
      `${classifier.family}, the model of ${flags.weights ?? flags.checkpoint}`,
    );
  }
  return classifier;
}
