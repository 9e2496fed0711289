import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { TrainEvent } from '../loop/index.js';

/** Stamps each event that has no `time` with the moment it passes (ISO 8601, UTC). */
export function timestamped(now: () => Date = () => new Date()): MonoTypeOperatorFunction<TrainEvent> {
  return map((event) => (event.time === undefined ? { ...event, time: now().toISOString() } : event));
}
