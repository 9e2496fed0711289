import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadImage } from '../data/index.js';
import { centerCrop, IMAGENET_MEAN, IMAGENET_STD, normalize, resize, toTensor } from '../data/functional/index.js';
import { inferArchitecture, isModelName, loadTorchCheckpoint } from '../models/index.js';
import { plotFeatureMaps, plotKernels } from '../report/index.js';
import { readCheckpoint, firstLayerFeatureMaps, firstLayerKernels } from '../train/index.js';
import type { VisualizeOptions } from './run-visualize.js';

/** The model family of a `.pth` (from its keys) or of a run's checkpoint (its recorded `model`; AlexNet by default). */
export async function familyOf(options: VisualizeOptions): Promise<string> {
  if (options.weights !== undefined)
    return inferArchitecture(await loadTorchCheckpoint(options.weights), options.weights).model;
  const { config } = await readCheckpoint(options.checkpoint!);
  const model = (config as { model?: unknown } | null)?.model;
  return isModelName(model) ? model : 'alexnet';
}

/**
 * Any family's pictures from the built model: `kernels.png`, its first convolution's kernels, and
 * with `image` (Resize(256), CenterCrop(224), Normalize) `feature-maps.png`, that convolution's output.
 */
export async function visualizeModel(options: VisualizeOptions): Promise<string[]> {
  const [{ initBackend }, { loadClassifier }] = await Promise.all([
    import('../backend/index.js'),
    import('../infer/index.js'),
  ]);
  await initBackend({ backend: 'auto' });
  const source = options.weights !== undefined ? { weights: options.weights } : { checkpoint: options.checkpoint! };
  const { model, imageSize } = await loadClassifier(source);
  try {
    const written: string[] = [];
    const kernels = await firstLayerKernels(model);
    if (kernels !== undefined) {
      written.push(join(options.out, 'kernels.png'));
      await plotKernels(kernels, written[0]!);
    }
    if (options.image !== undefined) {
      const image = normalize(
        toTensor(centerCrop(resize(await loadImage(options.image), Math.round((imageSize * 256) / 224)), imageSize)),
        IMAGENET_MEAN,
        IMAGENET_STD,
      );
      const x = tf.tensor3d(image.data, [image.height, image.width, 3]);
      const maps = await firstLayerFeatureMaps(model, x, options.image);
      x.dispose();
      if (maps !== undefined) {
        const path = join(options.out, 'feature-maps.png');
        await plotFeatureMaps(maps, path);
        written.push(path);
      }
    }
    return written;
  } finally {
    model.dispose();
  }
}
