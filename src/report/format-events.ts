import type { EventOf, TrainEvent } from '../train/index.js';

const pad3 = (n: number): string => String(n).padStart(3, '0');
const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;

/**
 * `Epoch[001/003]` for the events of `epoch` 0: the console counts epochs from 1, as checkpoint
 * files do (`epoch-0001.ckpt` is written after `Epoch[001/003]`); events keep 0-based indices.
 */
export const epochOf = (epoch: number, epochs: number): string => `Epoch[${pad3(epoch + 1)}/${pad3(epochs)}]`;

/** A duration as `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `elapsed 0:12 ETA 1:30`: time so far, and the rest at the rate so far. */
export const elapsedAndEta = (seconds: number, done: number, total: number): string =>
  `elapsed ${formatDuration(seconds)} ETA ${formatDuration(done > 0 ? (seconds / done) * (total - done) : 0)}`;

/** A learning rate as people write it: `0.001`, `1e-5`. */
export const formatLr = (lr: number): string => (lr !== 0 && Math.abs(lr) < 1e-4 ? lr.toExponential() : String(lr));

/** The seed's training line, then throughput and learning rate. */
export function formatStep(event: EventOf<'step'>, epochs: number): string {
  const seed =
    `Training:${epochOf(event.epoch, epochs)} Iteration[${pad3(event.iteration)}/${pad3(event.iterations)}] ` +
    `Loss: ${event.loss.toFixed(4)} Acc:${percent(event.accuracy)}`;
  const time =
    event.elapsed === undefined ? '' : `  ${elapsedAndEta(event.elapsed, event.iteration, event.iterations)}`;
  return `${seed}  ${event.imagesPerSecond.toFixed(1)} img/s  lr: ${event.lrs.map(formatLr).join(',')}${time}`;
}

/** Validation under way: batches and images so far, elapsed time and ETA. */
export const formatValidating = (event: EventOf<'validating'>, epochs: number): string =>
  `Validating:${epochOf(event.epoch, epochs)} ${event.batch}/${event.batches} batches (${event.images} image${event.images === 1 ? '' : 's'})  ${elapsedAndEta(event.seconds, event.batch, event.batches)}`;

export function formatValidation(event: EventOf<'validation'>, epochs: number): string {
  const top5 = event.top5 === undefined ? '' : ` Top5:${percent(event.top5)}`;
  // A class with no validation image has no accuracy (NaN in the event): shown as n/a.
  const perClass = event.perClass
    .map(
      (acc, label) => `${event.classes?.[label] ?? label}:${acc === null || Number.isNaN(acc) ? 'n/a' : percent(acc)}`,
    )
    .join(' ');
  return `Valid:${epochOf(event.epoch, epochs)} Loss: ${event.loss.toFixed(4)} Acc:${percent(event.accuracy)}${top5}  per class ${perClass}`;
}

export function formatEpoch(event: EventOf<'epoch'>, epochs: number): string {
  return `Epoch:${epochOf(event.epoch, epochs)} Loss: ${event.loss.toFixed(4)} Acc:${percent(event.accuracy)}  ${event.seconds.toFixed(1)} s`;
}

export const formatLrChange = (event: EventOf<'lr'>, epochs: number): string =>
  `LR:${epochOf(event.epoch, epochs)} ${event.lrs.map(formatLr).join(',')}`;

export const formatCheckpoint = (event: EventOf<'checkpoint'>): string =>
  `Checkpoint: ${event.path}${event.best ? ' (best)' : ''}`;

export const formatSkipped = (event: EventOf<'skipped'>): string => `Skipped: ${event.path}: ${event.reason}`;

export const formatNotice = (event: EventOf<'notice'>): string => `Notice: ${event.message}`;

export function formatDone(event: EventOf<'done'>): string {
  const best = event.bestAccuracy === null ? 'no validation' : `best valid Acc:${percent(event.bestAccuracy)}`;
  const files = Object.entries(event.artifacts).map(([role, path]) => `${role}: ${path}`);
  return [
    `Done: ${event.epochs} epoch${event.epochs === 1 ? '' : 's'}, ${event.steps} step${event.steps === 1 ? '' : 's'}, ${best}`,
    ...files.map((f) => `  ${f}`),
  ].join('\n');
}

/** One human-readable line (or a few, for `done`) for any event; `epochs` is the run's total. */
export function formatEvent(event: TrainEvent, epochs: number): string {
  switch (event.kind) {
    case 'step':
      return formatStep(event, epochs);
    case 'validation':
      return formatValidation(event, epochs);
    case 'epoch':
      return formatEpoch(event, epochs);
    case 'lr':
      return formatLrChange(event, epochs);
    case 'checkpoint':
      return formatCheckpoint(event);
    case 'skipped':
      return formatSkipped(event);
    case 'notice':
      return formatNotice(event);
    case 'validating':
      return formatValidating(event, epochs);
    case 'done':
      return formatDone(event);
  }
}
