import type { LogEntry } from './run-log.js';
import { checkArgument, integerRule } from '../util/index.js';

/** Progress points a client missed because it read too slowly; the page shows the count. */
export interface DroppedMarker {
  readonly dropped: number;
  /** The log sequence of the last point it stands for. */
  readonly through: number;
}

export type QueueItem = LogEntry | DroppedMarker;

export const isMarker = (item: QueueItem): item is DroppedMarker => 'dropped' in item;

/**
 * The events waiting for one live client, at most `capacity` of them. When full, every progress
 * point but the newest is coalesced into one marker at the place of the last (counts add up), so
 * epochs, validations and notices stay and the client catches up with the present. `push` returns
 * false only when nothing can be coalesced: the queue is full of events the client must not miss.
 */
export class ClientQueue {
  private items: QueueItem[] = [];
  /** Progress points coalesced away over the queue's life. */
  droppedTotal = 0;

  constructor(readonly capacity: number) {
    checkArgument('ClientQueue', 'capacity', capacity, integerRule({ min: 2 }));
  }

  get length(): number {
    return this.items.length;
  }

  push(entry: LogEntry): boolean {
    if (this.items.length >= this.capacity && !this.coalesce()) return false;
    this.items.push(entry);
    return true;
  }

  shift(): QueueItem | undefined {
    return this.items.shift();
  }

  clear(): void {
    this.items = [];
  }

  /** Merges every progress point but the newest, and earlier markers, into one marker; false when that frees no place. */
  private coalesce(): boolean {
    const progress = this.items.filter((item) => isMarker(item) || item.progress);
    const newest = [...progress].reverse().find((item) => !isMarker(item));
    const merged = progress.filter((item) => item !== newest);
    if (merged.length < 2) return false;
    const points = merged.filter((item) => !isMarker(item)).length;
    const last = merged[merged.length - 1]!;
    const marker: DroppedMarker = {
      dropped: merged.reduce((n, item) => n + (isMarker(item) ? item.dropped : 1), 0),
      through: isMarker(last) ? last.through : last.sequence,
    };
    const gone = new Set<QueueItem>(merged);
    this.items = this.items.flatMap((item) => (item === last ? [marker] : gone.has(item) ? [] : [item]));
    this.droppedTotal += points;
    return true;
  }
}
