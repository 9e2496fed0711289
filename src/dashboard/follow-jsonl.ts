import { open, stat } from 'node:fs/promises';
import type { TrainEvent } from '../train/index.js';
import { parseEventLine } from '../report/index.js';
import type { RunLog } from './run-log.js';

/** How often a followed log is looked at, in milliseconds. */
export const FOLLOW_INTERVAL_MS = 200;

/**
 * Appends the events of the JSONL file at `path` to `log` as they are written: every complete line
 * now and every one added later (a line still being written waits for its newline). A file that
 * shrank was started over, so the log begins a new generation; one that is gone ends the log. A
 * line that is not an event is shown as a problem naming the file and line. `read` settles once
 * the lines already there are in the log.
 */
export function followJsonl(
  path: string,
  log: RunLog,
  intervalMs = FOLLOW_INTERVAL_MS,
): { read: Promise<void>; stop: () => void } {
  let offset = 0;
  let line = 0;
  let partial = Buffer.alloc(0);
  let busy = false;
  let stopped = false;

  const readNew = async (): Promise<void> => {
    const size = await stat(path).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) return log.finish(`${path} is gone`);
    if (size < offset) {
      offset = 0;
      line = 0;
      partial = Buffer.alloc(0);
      log.reset();
    }
    if (size === offset) return;
    const handle = await open(path, 'r');
    try {
      const chunk = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
      offset += bytesRead;
      partial = Buffer.concat([partial, chunk.subarray(0, bytesRead)]);
    } finally {
      await handle.close();
    }
    let newline: number;
    while (!stopped && (newline = partial.indexOf(0x0a)) !== -1) {
      const text = partial.subarray(0, newline).toString('utf8');
      partial = partial.subarray(newline + 1);
      line += 1;
      if (text.trim() === '') continue;
      const parsed = parseEventLine(path, line, text);
      if (parsed instanceof Error) log.appendProblem(parsed.message);
      else log.append(parsed as TrainEvent);
    }
  };
  const tick = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    await readNew()
      .catch((error: unknown) =>
        log.appendProblem(`${path}: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        busy = false;
      });
  };
  const read = tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    read,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
