export * from './parameter-groups.js';
export { alexnet } from './alexnet.js';
export type { AlexNetOptions, AlexNetVariant } from './alexnet-options.js';
export { AdaptiveAvgPool2d, adaptiveBins } from './layers/adaptive-avg-pool-2d.js';
export { GroupedConv2d } from './layers/grouped-conv-2d.js';
export { LocalResponseNormalization } from './layers/local-response-normalization.js';
export { ModelOptionError, TorchCheckpointError, UnsafePickleError, WeightMismatchError, type ShapeMismatch } from './errors.js';
export { replaceHead, type ReplaceHeadOptions } from './replace-head.js';
export { loadTorchCheckpoint, parseTorchCheckpoint, type TorchStateDict, type TorchTensor } from './torch/checkpoint.js';
