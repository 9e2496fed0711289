import type { DoneEvent, KernelBank, StepEvent, TrainEvent, ValidationEvent } from '../../src/train/loop/events.js';

export const stepEvent = (fields: Partial<StepEvent> = {}): StepEvent => ({
  kind: 'step',
  epoch: 0,
  iteration: 1,
  iterations: 176,
  step: 1,
  loss: 0.6931,
  accuracy: 0.5,
  lr: 0.001,
  lrs: [0.001],
  imagesPerSecond: 250,
  ...fields,
});

export const validationEvent = (fields: Partial<ValidationEvent> = {}): ValidationEvent => ({
  kind: 'validation',
  epoch: 0,
  step: 176,
  loss: 0.25,
  accuracy: 0.9,
  perClass: [0.88, 0.92],
  ...fields,
});

export const doneEvent = (fields: Partial<DoneEvent> = {}): DoneEvent => ({
  kind: 'done',
  epochs: 1,
  steps: 1,
  bestAccuracy: null,
  artifacts: {},
  ...fields,
});

/** A run of `epochs` × `iterations` steps with a validation at each epoch's end; losses from `lossAt(step)`. */
export function runEvents(epochs: number, iterations: number, lossAt: (step: number) => number): TrainEvent[] {
  const events: TrainEvent[] = [];
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let iteration = 1; iteration <= iterations; iteration++) {
      step += 1;
      events.push(stepEvent({ epoch, iteration, iterations, step, loss: lossAt(step) }));
    }
    events.push(validationEvent({ epoch, step, loss: lossAt(step) / 2 }));
  }
  return events;
}

/** A kernel bank whose kernel `o` has value `f(y, x, c, o)` at each HWIO position. */
export function bankOf(
  shape: KernelBank['shape'],
  f: (y: number, x: number, c: number, o: number) => number,
): KernelBank {
  const [h, w, i, o] = shape;
  const values = new Array<number>(h * w * i * o);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < i; c++)
        for (let k = 0; k < o; k++) {
          values[((y * w + x) * i + c) * o + k] = f(y, x, c, k);
        }
  return { shape, values };
}
