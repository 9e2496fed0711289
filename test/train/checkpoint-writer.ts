// Child process of checkpoint-kill.test.ts: writes checkpoints of step start, start + 1, … to one
// path without end, printing each step once its write has returned.
import { writeCheckpoint, type RunState } from '../../src/train/index.js';

const [path, startArg] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: checkpoint-writer.ts PATH START');

/** A 4 MB state whose every value is its step, so a torn file could not pass for a whole one. */
const stateOf = (step: number): RunState => ({
  epoch: step,
  step,
  seed: 620,
  optimizer: {
    lrs: [0.001],
    momentum: { 'features.0/kernel': { shape: [512, 1024], values: new Float32Array(512 * 1024).fill(-step) } },
  },
  weights: { 'features.0/kernel': { shape: [512, 1024], values: new Float32Array(512 * 1024).fill(step) } },
  operators: {},
  config: { step },
});

for (let step = Number(startArg); ; step++) {
  await writeCheckpoint(path, stateOf(step));
  process.stdout.write(`${step}\n`);
}
