import type { StepEvent } from '../train/events.js';

/** One status line for a step: `Epoch[000/003] [#####.....] 88/176 Loss: 0.4123 Acc:83.20% 212.4 img/s`. */
export function formatBar(event: StepEvent, epochs: number, width = 24): string {
  const filled = Math.round((event.iteration / event.iterations) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const epoch = `Epoch[${String(event.epoch).padStart(3, '0')}/${String(epochs).padStart(3, '0')}]`;
  const count = `${String(event.iteration).padStart(String(event.iterations).length)}/${event.iterations}`;
  return `${epoch} [${bar}] ${count} Loss: ${event.loss.toFixed(4)} Acc:${(event.accuracy * 100).toFixed(2)}% ${event.imagesPerSecond.toFixed(1)} img/s`;
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
