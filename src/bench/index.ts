export { gpuBenchmark, GPU_SETTINGS, SOFTWARE_SETTINGS, type GpuBenchmarkOptions } from './gpu-benchmark.js';
export type { AlexNetTiming, AlexNetTimingOptions } from './alexnet-timing.js';
export type { TrainStreamRate } from './train-stream-rate.js';
export type { Agreement } from './agreement.js';
export { relativeError } from './relative-error.js';
