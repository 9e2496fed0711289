export { checkpointConvWeights, torchConvWeights } from './conv-weights.js';
export type { AlexNetConvolutions, AlexNetLayout, ConvWeights } from './conv-weights.js';
export { firstLayerFeatureMaps } from './first-layer-feature-maps.js';
export { imageFeatureMaps } from './image-feature-maps.js';
