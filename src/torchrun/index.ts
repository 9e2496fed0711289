export { CHECK_SAMPLES, checkLoss } from './check-loss.js';
export { exportTorchrun, TorchrunExportError } from './export-torchrun.js';
export { type TorchrunRun, transformsFor } from './run-file.js';
export { TRAIN_PY } from './train-py.js';
