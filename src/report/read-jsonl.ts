import { readFile } from 'node:fs/promises';
import type { TrainEvent } from '../train/events.js';
import { EventLogParseError } from './errors.js';

const KIND_LIST = ['step', 'epoch', 'validation', 'lr', 'checkpoint', 'skipped', 'notice', 'validating', 'done'] as const satisfies ReadonlyArray<TrainEvent['kind']>;
/** Fails to compile when an event kind is missing from `KIND_LIST`. */
const everyKind: Exclude<TrainEvent['kind'], (typeof KIND_LIST)[number]> extends never ? true : never = true;
const KINDS = new Set<string>(everyKind && KIND_LIST);

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
    const line = lines[i];
    if (line.trim() === '') continue;
    const last = i === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (last && !complete) break;
      throw new EventLogParseError(path, i + 1, (error as Error).message);
    }
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !KINDS.has(kind)) {
      throw new EventLogParseError(path, i + 1, `no known "kind" in ${line.slice(0, 80)}`);
    }
    events.push(value as TrainEvent);
  }
  return events;
}
