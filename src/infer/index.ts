export { cappedList } from './capped-list.js';
export { defaultClassNames, readLabelsFile } from './class-names.js';
export { InferenceInputError, InputTooSmallError } from './errors.js';
export { evalPipeline, type EvalPipelineOptions } from './eval-pipeline.js';
export {
  type ClassAccuracy,
  evaluateFolder,
  type EvaluateFolderOptions,
  type FolderEvaluation,
} from './evaluate-folder.js';
export { type ExportFormat, exportModel, labelsFileFor } from './export-model.js';
export { formatEvaluation } from './format-evaluation.js';
export { imageFiles } from './image-inputs.js';
export { IMAGENET_CLASSES } from './imagenet-classes.js';
export { type Classifier, type ClassifierSource, loadClassifier } from './load-classifier.js';
export { predict, type Prediction, type PredictOptions } from './predict.js';
