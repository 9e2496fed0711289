import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainEvent } from '../../src/train/loop/events.js';
import { jsonl } from './synthetic-run.js';

/** Writes `runs` (run id → events) as `<root>/<id>/events.jsonl`. */
export async function writeRuns(root: string, runs: Readonly<Record<string, readonly TrainEvent[]>>): Promise<void> {
  for (const [id, events] of Object.entries(runs)) {
    await mkdir(join(root, id), { recursive: true });
    await writeFile(join(root, id, 'events.jsonl'), jsonl(events));
  }
}
