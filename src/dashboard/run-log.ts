import type { DoneEvent, TrainEvent } from '../train/index.js';
import { sseFrame } from './sse-frame.js';
import { isProgressPoint, wireEvent } from './wire-event.js';

/** One event of a run's log, framed once for every client. */
export interface LogEntry {
  /** 1-based position in the log's current generation. */
  readonly sequence: number;
  readonly frame: string;
  /** A step or validation-progress point, which a slow client may miss. */
  readonly progress: boolean;
}

export type LogChange =
  | { readonly type: 'append'; readonly entry: LogEntry }
  | { readonly type: 'reset' }
  | { readonly type: 'end'; readonly frame: string };

/**
 * A run's events as the page receives them, in order, shared by all clients: each is framed once
 * with the id `<generation>.<sequence>`, which a reconnecting page sends back as `Last-Event-ID`.
 * A log file that was started over (`--force`) begins a new generation. Holds what the run emitted,
 * nothing per client; the last `done` event is kept whole for its pictures.
 */
export class RunLog {
  private entries: LogEntry[] = [];
  private readonly listeners = new Set<(change: LogChange) => void>();
  private ending: string | undefined;
  generation = 1;
  done: DoneEvent | undefined;

  get length(): number {
    return this.entries.length;
  }

  /** Entry `sequence` (1-based) of the current generation. */
  at(sequence: number): LogEntry | undefined {
    return this.entries[sequence - 1];
  }

  /** The frame that ends the stream (the run failed or the log was removed), once it has ended. */
  get end(): string | undefined {
    return this.ending;
  }

  append(event: TrainEvent): void {
    if (event.kind === 'done') this.done = event;
    const sequence = this.entries.length + 1;
    const entry = {
      sequence,
      frame: sseFrame({ id: `${this.generation}.${sequence}`, data: wireEvent(event) }),
      progress: isProgressPoint(event),
    };
    this.entries.push(entry);
    this.emit({ type: 'append', entry });
  }

  /** A line of the log that is not an event: shown on the page, with the id of its place so it is not repeated. */
  appendProblem(message: string): void {
    const sequence = this.entries.length + 1;
    const entry = {
      sequence,
      frame: sseFrame({ id: `${this.generation}.${sequence}`, event: 'problem', data: { message } }),
      progress: false,
    };
    this.entries.push(entry);
    this.emit({ type: 'append', entry });
  }

  /** The run's source started over: forget its events and begin a new generation. */
  reset(): void {
    this.entries = [];
    this.done = undefined;
    this.generation += 1;
    this.emit({ type: 'reset' });
  }

  /** No more events will come: `reason` is shown on the page (e.g. the run's error). */
  finish(reason: string): void {
    if (this.ending !== undefined) return;
    this.ending = sseFrame({ event: 'ended', data: { reason } });
    this.emit({ type: 'end', frame: this.ending });
  }

  listen(listener: (change: LogChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get clients(): number {
    return this.listeners.size;
  }

  private emit(change: LogChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
