export { type AssembledRun, assembleRun } from './assemble-run.js';
export { type Check, fail, integer, isObject, noUnknownKeys, number, string } from './config-checks.js';
export {
  configRecord,
  DEFAULTS,
  type Loaders,
  type LrDecay,
  resolveConfig,
  type ResolvedConfig,
  type TrainConfig,
} from './config.js';
export { classificationLoaders, isShardData, shardClassificationLoaders } from './default-data.js';
export { buildModel, defaultModel } from './default-model.js';
export { RECIPE_CHECKS } from './recipe-checks.js';
export {
  type MixingConfig,
  type OptimizerName,
  RECIPE_DEFAULTS,
  type RecipeConfig,
  type ScheduleConfig,
} from './recipe-config.js';
export { lossFor, lrOperator, optimizerFor, scheduleOf, trainLoaderFor } from './recipe-parts.js';
export { resumeNotices } from './resume-notices.js';
export { trainStream } from './train-stream.js';
