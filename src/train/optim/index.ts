export { accumulateGradients } from './accumulate.js';
export { adamUpdate, type AdamUpdateAttrs, type AdamUpdated } from './adam-update.js';
export { adam, type AdamOptions, adamw } from './adam.js';
export { clipGradNorm, type ClipOptions, type Clipped, withGradClipping } from './clip-grad-norm.js';
export { crossEntropy, crossEntropyLoss, type CrossEntropyOptions, type LossFunction } from './loss.js';
export { type NamedArrays, readNamed, variableOf } from './named-arrays.js';
export { biasesAndNorms, type NoDecayRule, withoutDecay } from './no-decay.js';
export { checkGroupCount, forEachUpdate, learningVariables, type OptimizerGroup, perGroup } from './optimizer-group.js';
export { seedDropout } from './seeded-dropout.js';
export {
  canFuseSgdUpdate,
  sgdUpdate,
  type SgdUpdated,
  sgdUpdateFused,
  sgdUpdateWithOps,
} from './sgd-parameter-update.js';
export {
  type Optimizer,
  type OptimizerHyper,
  type OptimizerState,
  sgd,
  type SgdGroup,
  type SgdOptions,
} from './sgd.js';
export {
  type OptimizerSettings,
  optimizerStateFromTorch,
  TORCH_OPTIMIZERS,
  torchOptimizerStateDict,
} from './torch-optimizer-state.js';
export { wrapOptimizer } from './wrap-optimizer.js';
