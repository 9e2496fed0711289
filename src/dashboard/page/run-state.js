// A run's events folded into what the page draws. Plain data, no DOM.

export function emptyRun(id) {
  return {
    id,
    steps: { step: [], loss: [], accuracy: [], lr: [], imagesPerSecond: [] },
    lastStep: null,
    epochs: [],
    validations: [],
    validating: null,
    notices: [],
    skipped: [],
    checkpoints: [],
    problems: [],
    dropped: 0,
    done: null,
    ended: null,
  };
}

/** A resumed run goes back to its checkpoint's step: what the log holds from that step on is replaced. */
function forgetFrom(run, step) {
  const s = run.steps;
  while (s.step.length > 0 && s.step[s.step.length - 1] >= step) for (const values of Object.values(s)) values.pop();
  while (run.validations.length > 0 && run.validations[run.validations.length - 1].step >= step) run.validations.pop();
}

/** Adds one event (as the server sends it) to `run`. */
export function applyEvent(run, event) {
  switch (event.kind) {
    case 'step':
      forgetFrom(run, event.step);
      run.steps.step.push(event.step);
      run.steps.loss.push(event.loss);
      run.steps.accuracy.push(event.accuracy);
      run.steps.lr.push(event.lr);
      run.steps.imagesPerSecond.push(event.imagesPerSecond);
      run.lastStep = event;
      run.validating = null;
      break;
    case 'epoch':
      run.epochs.push(event);
      break;
    case 'validation':
      run.validations.push(event);
      run.validating = null;
      break;
    case 'validating':
      run.validating = event;
      break;
    case 'notice':
      run.notices.push(event.message);
      break;
    case 'skipped':
      run.skipped.push(event);
      break;
    case 'checkpoint':
      run.checkpoints.push(event);
      break;
    case 'done':
      run.done = event;
      break;
    default:
      break;
  }
}

/** Seconds left in the epoch and, when the number of epochs is known, in the run. */
export function remaining(run, epochs) {
  const s = run.lastStep;
  if (!s || !s.elapsed || s.iteration === 0) return {};
  const perIteration = s.elapsed / s.iteration;
  const epoch = perIteration * (s.iterations - s.iteration);
  if (!Number.isInteger(epochs)) return { epoch };
  return { epoch, run: epoch + perIteration * s.iterations * Math.max(0, epochs - s.epoch - 1) };
}

/** The latest per-class accuracy and confusion matrix, with class names. */
export function latestValidation(run) {
  const v = run.validations.at(-1);
  if (!v) return null;
  const classes = v.classes ?? v.perClass.map((_, i) => String(i));
  return {
    epoch: v.epoch,
    classes,
    perClass: v.perClass,
    confusion: v.confusion ?? null,
    accuracy: v.accuracy,
    top5: v.top5,
  };
}
