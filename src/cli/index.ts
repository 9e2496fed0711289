export { runCli, COMMANDS, EXIT } from './run-cli.js';
export { parseFlags } from './flags/parse-flags.js';
export * from './flags/errors.js';
export type { OptionSpec, OptionSpecs, OptionValues } from './flags/option-spec.js';
export { TRAIN_OPTIONS, trainConfigFromFlags } from './train-flags.js';
export { ensureDemoData, demoFileNames } from './demo/demo-data.js';
export { demoImage, DEMO_CLASSES } from './demo/demo-image.js';
