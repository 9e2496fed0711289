export {
  type AlexNetConvolutions,
  type AlexNetLayout,
  checkpointConvWeights,
  type ConvWeights,
  torchConvWeights,
} from './conv-weights.js';
export { firstLayerFeatureMaps } from './first-layer-feature-maps.js';
export { imageFeatureMaps } from './image-feature-maps.js';
