export {
  checkArgument,
  checked,
  booleanRule,
  integerRule,
  nonEmptyString,
  numberRule,
  oneOf,
  positiveInteger,
  positiveNumber,
} from './option-rules.js';
export type { Bounds, Rule } from './option-rules.js';
export { InvalidValueError } from './invalid-value-error.js';
