export { checkpoint, type CheckpointOptions } from './checkpoint.js';
export { earlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
export { type EventHandlers, eventOperator } from './event-operator.js';
export { featureMapsOnDone } from './feature-maps-on-done.js';
export { type PlateauOptions, reduceLROnPlateau } from './reduce-lr-on-plateau.js';
export { stepLR, type StepLrOptions } from './step-lr.js';
export { timestamped } from './timestamped.js';
export { CONFUSION_MAX_CLASSES, validate, type ValidateOptions } from './validate.js';
