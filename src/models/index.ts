export { alexnetFromStateDict, inferAlexNetOptions } from './alexnet-from-state-dict.js';
export { ALEXNET_MIN_INPUT_SIZE, type AlexNetOptions, type AlexNetVariant } from './alexnet-options.js';
export { alexnet } from './alexnet.js';
export { type Architecture, inferArchitecture, modelFromStateDict } from './architecture-from-keys.js';
export {
  checkFinite,
  ModelFileError,
  ModelOptionError,
  NonFiniteWeightsError,
  type ShapeMismatch,
  TorchCheckpointError,
  UnknownArchitectureError,
  UnsafePickleError,
  WeightMismatchError,
  WeightsHashError,
} from './errors.js';
export { fileSystem, loadModel, saveModel } from './file-system-io.js';
export { freezeBatchNorm } from './freeze-batch-norm.js';
export { heNormalInit, kaimingAlexNet } from './he-init.js';
export { emptyLayerAt, smallestInputSize } from './input-size.js';
export { loadWeights, type LoadWeightsOptions, type LoadWeightsResult } from './load-weights.js';
export type { ModelFactory, ModelFactoryOptions } from './model-factory.js';
export { createModel, isModelName, MODEL_NAMES, modelFactory, type ModelName } from './model-registry.js';
export { type ParameterGroup, parameterGroups } from './parameter-groups.js';
export { replaceHead, type ReplaceHeadOptions } from './replace-head.js';
export { saveTorchWeights, torchStateDictOf } from './save-torch.js';
export { type TorchParameter, torchParameters } from './torch-parameters.js';
export { knownWeights, TORCHVISION_WEIGHTS, type TorchvisionWeights } from './torchvision-weights.js';
export { transposeArray } from './transpose-array.js';
export { AdaptiveAvgPool2d, adaptiveBins } from './layers/adaptive-avg-pool-2d.js';
export { BatchNorm2d, type BatchNorm2dArgs } from './layers/batch-norm-2d.js';
export { GroupedConv2d } from './layers/grouped-conv-2d.js';
export { HardActivation, type HardActivationKind } from './layers/hard-activation.js';
export { InputConv2d } from './layers/input-conv-2d.js';
export { LocalResponseNormalization } from './layers/local-response-normalization.js';
export { checkHubHash, hubHashPrefix } from './torch/hub-hash.js';
export { TORCH_LOAD_MAX_BYTES, type TorchLoadOptions } from './torch/load-limits.js';
export type { TorchTensor } from './torch/materialize.js';
export { encodeTorchStateDict } from './torch/save-pth.js';
export type { TorchTensorOut } from './torch/state-dict-pickle.js';
export { loadTorchCheckpoint, parseTorchCheckpoint, type TorchStateDict } from './torch/torch-checkpoint.js';
export { decodeTorchObject, encodeTorchObject, PyFloat, type TorchValue } from './torch/torch-object.js';
export { mobilenetV2 } from './torchvision/mobilenet-v2.js';
export { mobilenetV3Large, mobilenetV3Small } from './torchvision/mobilenet-v3.js';
export { resnet18, resnet34, resnet50 } from './torchvision/resnet.js';
export type { TorchvisionModelOptions } from './torchvision/torchvision-options.js';
