export {
  cosineAnnealing,
  cosineBetween,
  type CosineOptions,
  cosineWarmRestarts,
  type WarmRestartsOptions,
} from './cosine.js';
export { linearLR, type LinearLrOptions } from './linear-lr.js';
export { lrSchedule, type LrScheduleOptions } from './lr-schedule.js';
export { oneCycle, type OneCycleOptions } from './one-cycle.js';
export { checkInRange, checkPositiveInteger, type Schedule } from './schedule.js';
export { sequential } from './sequential.js';
