import type { Skipped } from '../data/index.js';
import { loader, listDataFolder, type FolderLayout } from '../data/index.js';
import { evaluate, crossEntropy } from '../train/index.js';
import { cappedList } from './capped-list.js';
import { evalPipeline } from './eval-pipeline.js';
import { InferenceInputError } from './errors.js';
import type { Classifier } from './load-classifier.js';

export interface ClassAccuracy {
  readonly name: string;
  readonly images: number;
  /** Top-1 accuracy over this class's images (null when it has none). */
  readonly accuracy: number | null;
}

/** The paper's figures over a labelled folder: top-1 and top-5 accuracy and error, per class, confusion. */
export interface FolderEvaluation {
  readonly data: string;
  readonly layout: FolderLayout;
  readonly images: number;
  /** Files left out because they could not be decoded (with `onBadImage: 'skip'`). */
  readonly skipped: readonly Skipped[];
  readonly loss: number;
  readonly top1: { readonly accuracy: number; readonly error: number };
  /** Only when the model has more than 5 classes. */
  readonly top5?: { readonly accuracy: number; readonly error: number };
  /** The model's classes that have images in the folder, in the model's order. */
  readonly perClass: readonly ClassAccuracy[];
  /** Rows: true class, columns: predicted class, both over `confusion.classes` (the model's classes). */
  readonly confusion: { readonly classes: readonly string[]; readonly matrix: readonly (readonly number[])[] };
}

export interface EvaluateFolderOptions {
  readonly tenCrop?: boolean | undefined;
  readonly batchSize?: number;
  readonly exactResize?: boolean;
  /** A file that cannot be decoded fails the evaluation (default) or is left out and counted in `skipped`. */
  readonly onBadImage?: 'fail' | 'skip';
}

/**
 * Evaluates a classifier on every image of a Kaggle-style folder or an ImageFolder (`val/` of one
 * split into `train/` and `val/`), with torchvision's evaluation transform (ten crops if asked).
 * The folder's classes are matched to the model's by name, or by position when the names differ
 * and the counts agree (a model whose names are unknown); anything else is an `InferenceInputError`.
 */
export async function evaluateFolder(
  classifier: Classifier,
  data: string,
  options: EvaluateFolderOptions = {},
): Promise<FolderEvaluation> {
  const { tenCrop = false, batchSize = 16, exactResize, onBadImage = 'fail' } = options;
  const listing = await listDataFolder(data, { mode: 'all', shuffle: 'none' });
  const toModel = modelLabels(classifier.classes, listing.classes, data);
  const entries = listing.entries.map((entry) => ({ ...entry, label: toModel[entry.label]! }));
  const batches = loader(
    async () => ({ entries, classes: classifier.classes }),
    evalPipeline({ imageSize: classifier.imageSize, resizeSize: classifier.resizeSize, tenCrop, exactResize }),
    { batchSize, onBadImage },
  );
  const skipped: Skipped[] = [];
  const result = await evaluate(classifier.model, batches, crossEntropy, {
    tenCrop,
    onSkipped: (file) => skipped.push(file),
  });
  const counts = classifier.classes.map((_, label) => result.confusion[label]?.reduce((a, b) => a + b, 0) ?? 0);
  const rate = (accuracy: number) => ({ accuracy, error: 1 - accuracy });
  return {
    data,
    layout: listing.layout,
    images: result.images,
    skipped,
    loss: result.loss,
    top1: rate(result.accuracy),
    ...(result.top5 === undefined ? {} : { top5: rate(result.top5) }),
    perClass: classifier.classes.flatMap((name, label) =>
      counts[label]! > 0 ? [{ name, images: counts[label]!, accuracy: result.perClass[label]! }] : [],
    ),
    confusion: {
      classes: classifier.classes,
      matrix: classifier.classes.map((_, label) =>
        classifier.classes.map((__, predicted) => result.confusion[label]?.[predicted] ?? 0),
      ),
    },
  };
}

function modelLabels(model: readonly string[], folder: readonly string[], data: string): number[] {
  const byName = new Map(model.map((name, label) => [name, label]));
  if (folder.every((name) => byName.has(name))) return folder.map((name) => byName.get(name)!);
  if (folder.length === model.length) return folder.map((_, label) => label);
  const unknown = folder.filter((name) => !byName.has(name));
  throw new InferenceInputError(
    data,
    `its ${folder.length} classes (${cappedList(folder)}) are not the model's ${model.length} classes: no output is named ${cappedList(unknown, 5)}`,
  );
}
