import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { saveModel, encodeTorchStateDict, torchStateDictOf } from '../models/index.js';
import type { Classifier } from './load-classifier.js';
import { checkOutputFiles, writeFileAtomically } from './output-files.js';

export type ExportFormat = 'pth' | 'tfjs';

export interface ExportOptions {
  /** Files the model was read from (its checkpoint or `.pth`): never written, even with `force`. */
  readonly sources?: readonly string[];
  /** Replace files that already exist at the targets. Default false: an existing file is refused. */
  readonly force?: boolean | undefined;
}

/** `model.pth` → `model.labels.txt`: where `exportModel` puts the class names beside a `.pth`. */
export const labelsFileFor = (pth: string): string => `${pth.replace(/\.pth?$/i, '')}.labels.txt`;

/** The files `exportModel` writes for `format` at `out`. */
export const exportTargets = (format: ExportFormat, out: string): string[] =>
  format === 'pth' ? [out, labelsFileFor(out)] : [join(out, 'model.json'), join(out, 'weights.bin')];

/**
 * Writes a classifier for other tools. `pth`: a `torch.save` state dict with torchvision's keys and
 * layouts (at width 1, `torchvision.models.alexnet(num_classes=N).load_state_dict(torch.load(out, weights_only=True))`),
 * and its class names one per line in `labelsFileFor(out)`. `tfjs`: a folder with `model.json`
 * (the class names in its user-defined metadata) and `weights.bin`, for `tf.loadLayersModel`.
 * An existing file is refused unless `force`, a source file always (`ExportTargetError`); each file
 * is written beside its place and renamed into it. Resolves with the files written.
 */
export async function exportModel(
  classifier: Classifier,
  format: ExportFormat,
  out: string,
  options: ExportOptions = {},
): Promise<string[]> {
  const targets = exportTargets(format, out);
  checkOutputFiles(targets, options.sources ?? [], options.force ?? false);
  if (format === 'pth') {
    await mkdir(dirname(out), { recursive: true });
    await writeFileAtomically(out, encodeTorchStateDict(await torchStateDictOf(classifier.model)));
    await writeFileAtomically(targets[1]!, `${classifier.classes.join('\n')}\n`);
    return targets;
  }
  classifier.model.setUserDefinedMetadata({ classes: [...classifier.classes], imageSize: classifier.imageSize });
  await mkdir(out, { recursive: true });
  const staging = await mkdtemp(join(out, '.export-'));
  try {
    await saveModel(classifier.model, staging);
    for (const name of await readdir(staging)) await rename(join(staging, name), join(out, name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return targets;
}
