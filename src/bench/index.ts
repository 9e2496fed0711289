export type { Agreement } from './agreement.js';
export type { AlexNetTiming, AlexNetTimingOptions } from './alexnet-timing.js';
export { GPU_SETTINGS, gpuBenchmark, type GpuBenchmarkOptions, SOFTWARE_SETTINGS } from './gpu-benchmark.js';
export { relativeError } from './relative-error.js';
export type { TrainStreamRate } from './train-stream-rate.js';
