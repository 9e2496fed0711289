export { exportTorchrun, TorchrunExportError } from './export-torchrun.js';
export { optimizerStateFromTorch, torchOptimizerStateDict, TORCH_OPTIMIZERS, type OptimizerSettings } from '../train/optim/torch-optimizer-state.js';
export { transformsFor, type TorchrunRun } from './run-file.js';
export { decodeTorchObject, encodeTorchObject, PyFloat, type TorchValue } from '../models/torch/torch-object.js';
export { isTorchSave, readTorchRun, runStateFromTorch, type PendingTorchState, type TorchRunCheckpoint } from '../train/checkpoint/torchrun-resume.js';
export { TRAIN_PY } from './train-py.js';
export { checkLoss, CHECK_SAMPLES } from './check-loss.js';
