export {
  booleanRule,
  type Bounds,
  checkArgument,
  checked,
  integerRule,
  nonEmptyString,
  numberRule,
  oneOf,
  positiveInteger,
  positiveNumber,
  type Rule,
} from './option-rules.js';
export { InvalidValueError } from './invalid-value-error.js';
