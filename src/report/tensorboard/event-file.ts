import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { encodeEvent, type EventFields } from './event-proto.js';
import { tfRecord } from './tfrecord.js';

let filesOpened = 0;

/** TensorFlow's name for an event file: `events.out.tfevents.<seconds>.<host>`, with pid and a counter to keep it unique. */
export const eventFileName = (now: Date): string =>
  `events.out.tfevents.${Math.floor(now.getTime() / 1000)}.${hostname()}.${process.pid}.${filesOpened++}`;

/** An open TensorBoard event file: each event is one TFRecord, written synchronously. */
export interface EventFile {
  readonly path: string;
  write(fields: Omit<EventFields, 'wall_time'> & { wall_time?: number }): void;
  close(): void;
}

/** Creates a new event file in `dir` (made if missing), starting with the `brain.Event:2` version record. */
export function openEventFile(dir: string, now = new Date()): EventFile {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, eventFileName(now));
  const fd = openSync(path, 'wx');
  let closed = false;
  const write: EventFile['write'] = (fields) => {
    if (closed) throw new Error(`${path} is closed`);
    writeSync(fd, tfRecord(encodeEvent({ wall_time: Date.now() / 1000, ...fields })));
  };
  write({ wall_time: now.getTime() / 1000, file_version: 'brain.Event:2' });
  const close = (): void => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  return { path, write, close };
}
