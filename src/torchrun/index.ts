export { CHECK_SAMPLES, checkLoss } from './check-loss.js';
export { TorchrunExportError, exportTorchrun } from './export-torchrun.js';
export { transformsFor } from './run-file.js';
export type { TorchrunRun } from './run-file.js';
export { TRAIN_PY } from './train-py.js';
