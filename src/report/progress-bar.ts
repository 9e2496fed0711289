import type { StepEvent, ValidatingEvent } from '../train/index.js';
import { elapsedAndEta, epochOf } from './format-events.js';

const barOf = (fraction: number, width: number): string => {
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
};

/** One status line for a step: `Epoch[000/003] [#####.....] 88/176 Loss: 0.4123 Acc:83.20% 212.4 img/s`. */
export function formatBar(event: StepEvent, epochs: number, width = 24): string {
  const count = `${String(event.iteration).padStart(String(event.iterations).length)}/${event.iterations}`;
  const time = event.elapsed === undefined ? '' : ` ${elapsedAndEta(event.elapsed, event.iteration, event.iterations)}`;
  return `${epochOf(event.epoch, epochs)} ${barOf(event.iteration / event.iterations, width)} ${count} Loss: ${event.loss.toFixed(4)} Acc:${(event.accuracy * 100).toFixed(2)}% ${event.imagesPerSecond.toFixed(1)} img/s${time}`;
}

/** One status line for validation under way: `Validating:Epoch[001/003] [####....] 63/625 elapsed 0:12 ETA 1:48`. */
export function formatValidatingBar(event: ValidatingEvent, epochs: number, width = 24): string {
  return `Validating:${epochOf(event.epoch, epochs)} ${barOf(event.batch / event.batches, width)} ${event.batch}/${event.batches} ${elapsedAndEta(event.seconds, event.batch, event.batches)}`;
}

/** Where a progress bar draws: a status line each output replaces, and permanent lines. */
export interface StatusSink {
  status(text: string): void;
  line(text: string): void;
}

/** A terminal sink: the status line is redrawn in place; a permanent line first erases it. */
export function terminalSink(stream: NodeJS.WriteStream = process.stdout): StatusSink {
  let showing = false;
  return {
    status(text) {
      stream.write(`\r\x1b[2K${text}`);
      showing = true;
    },
    line(text) {
      stream.write(`${showing ? '\r\x1b[2K' : ''}${text}\n`);
      showing = false;
    },
  };
}
