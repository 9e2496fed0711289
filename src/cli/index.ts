export { COMMANDS, EXIT, runCli } from './run-cli.js';
export { TRAIN_OPTIONS, trainConfigFromFlags } from './train-flags.js';
export { demoFileNames, ensureDemoData } from './demo/demo-data.js';
export { DEMO_CLASSES, demoImage } from './demo/demo-image.js';
export {
  InvalidEnvironmentValueError,
  InvalidOptionValueError,
  MissingArgumentError,
  MissingOptionValueError,
  MissingRequiredOptionError,
  OptionConflictError,
  RepeatedOptionError,
  UnexpectedArgumentError,
  UnknownCommandError,
  UnknownOptionError,
  UsageError,
} from './flags/errors.js';
export type { OptionSpec, OptionSpecs, OptionValues } from './flags/option-spec.js';
export { parseFlags } from './flags/parse-flags.js';
