import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { saveModel } from '../models/file-system-io.js';
import { saveTorchWeights } from '../models/save-torch.js';
import type { Classifier } from './load-classifier.js';

export type ExportFormat = 'pth' | 'tfjs';

/** `model.pth` → `model.labels.txt`: where `exportModel` puts the class names beside a `.pth`. */
export const labelsFileFor = (pth: string): string => `${pth.replace(/\.pth?$/i, '')}.labels.txt`;

/**
 * Writes a classifier for other tools. `pth`: a `torch.save` state dict with torchvision's keys and
 * layouts (`torchvision.models.alexnet(num_classes=N).load_state_dict(torch.load(out, weights_only=True))`),
 * and its class names one per line in `labelsFileFor(out)`. `tfjs`: a folder with `model.json`
 * (the class names in its user-defined metadata) and `weights.bin`, for `tf.loadLayersModel`.
 * Resolves with the files written.
 */
export async function exportModel(classifier: Classifier, format: ExportFormat, out: string): Promise<string[]> {
  if (format === 'pth') {
    await mkdir(dirname(out), { recursive: true });
    await saveTorchWeights(classifier.model, out);
    const labels = labelsFileFor(out);
    await writeFile(labels, `${classifier.classes.join('\n')}\n`);
    return [out, labels];
  }
  classifier.model.setUserDefinedMetadata({ classes: [...classifier.classes], imageSize: classifier.imageSize });
  await saveModel(classifier.model, out);
  return [join(out, 'model.json'), join(out, 'weights.bin')];
}
