export * from './schedule.js';
export * from './linear-lr.js';
export * from './cosine.js';
export * from './one-cycle.js';
export * from './sequential.js';
export * from './lr-schedule.js';
