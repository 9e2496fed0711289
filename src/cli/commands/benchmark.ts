import { defineCommand } from '../command.js';

export const benchmarkCommand = defineCommand({
  name: 'benchmark',
  summary: 'time AlexNet and trainStream on the WebGPU adapter here; one JSON line',
  description:
    "Time training on the WebGPU adapter found here and print one JSON line: the adapter; AlexNet's training step and forward pass (ms per image) and first step (s, shader compilation included), full width at 224 px and batch 128 by default; trainStream end to end on generated JPEGs with a loader worker per core; the most GPU memory TensorFlow.js held; one pass checked against the CPU backend. On a software adapter (lavapipe) the defaults shrink to batch 4, width divisor 8, one timed step and 8 images per class, and the figures are labelled correctness-only.",
  usage: 'rxtrain benchmark [--batch N] [--image-size PX] [--width-divisor N] [--steps N] [--per-class N] [--data DIR]',
  options: {
    batch: { type: 'integer', min: 1, description: 'images per step (default 128 on a GPU, 4 on a software adapter)' },
    'image-size': {
      type: 'integer',
      min: 1,
      placeholder: 'PX',
      description: 'side of the square images (default 224)',
    },
    'width-divisor': {
      type: 'integer',
      min: 1,
      description: "divide AlexNet's channels by N (default 1 on a GPU, 8 on a software adapter)",
    },
    steps: {
      type: 'integer',
      min: 1,
      description: 'timed steps and forward passes after the first (default 3 on a GPU, 1 on a software adapter)',
    },
    'per-class': {
      type: 'integer',
      min: 1,
      description: 'generated JPEGs of each class for trainStream (default 256 on a GPU, 8 on a software adapter)',
    },
    data: {
      type: 'string',
      placeholder: 'DIR',
      description: 'make the JPEGs in DIR and keep them there (default: a temporary folder)',
    },
  },
  examples: ['rxtrain benchmark', 'rxtrain benchmark --batch 2 --image-size 64 --width-divisor 16 --per-class 4'],
  async run(flags, io) {
    const { gpuBenchmark } = await import('../../bench/index.js');
    const { ensureDemoData } = await import('../demo/demo-data.js');
    const result = await gpuBenchmark({
      batch: flags.batch,
      imageSize: flags['image-size'],
      widthDivisor: flags['width-divisor'],
      steps: flags.steps,
      perClass: flags['per-class'],
      data: flags.data,
      makeImages: ensureDemoData,
    });
    io.out(JSON.stringify({ benchmark: 'gpu', date: new Date().toISOString(), ...result }));
    if ('error' in result) throw new Error(String(result.error));
  },
});
