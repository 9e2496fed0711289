import { readFile } from 'node:fs/promises';
import type { TrainEvent } from '../train/index.js';
import { EventLogParseError } from './errors.js';

/** Every kind of `TrainEvent` (the compiler checks none is missing). */
const KINDS: Readonly<Record<TrainEvent['kind'], true>> = {
  step: true,
  epoch: true,
  validation: true,
  validating: true,
  lr: true,
  checkpoint: true,
  skipped: true,
  notice: true,
  done: true,
};

/** Line `line` (1-based) of the log at `path` as an event, or the error saying why it is not one. */
export function parseEventLine(path: string, line: number, text: string): TrainEvent | EventLogParseError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return new EventLogParseError(path, line, (error as Error).message);
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(KINDS, kind)) {
    return new EventLogParseError(path, line, `no known "kind" in ${text.slice(0, 80)}`);
  }
  return value as TrainEvent;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a log written by `logJsonl`. A last line cut short by a crash is dropped; any other line
 * that is not a training event is an `EventLogParseError` naming the file and line.
 */
export async function readJsonl(path: string): Promise<TrainEvent[]> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  const complete = text.endsWith('\n');
  const events: TrainEvent[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (i === lines.length - 1 && !complete && !isJson(line)) break;
    const parsed = parseEventLine(path, i + 1, line);
    if (parsed instanceof EventLogParseError) throw parsed;
    events.push(parsed);
  }
  return events;
}
