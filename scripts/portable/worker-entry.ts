// The portable build's loader worker (dist/cli/sample-worker.js, where `workerEntry` looks for it):
// the worker itself, and every transform the library sends its workers as a recipe, since a
// recipe's module is this file in the bundle (see RECIPE_MODULES in bundle.ts).
export { default } from '../../src/data/loader/workers/sample-worker.js';
export {
  classificationTrainPipeline,
  classificationValidPipeline,
  seedTrainPipeline,
  seedValidPipeline,
} from '../../src/data/transforms.js';
export { evalPipeline } from '../../src/infer/eval-pipeline.js';
