import type { ServerResponse } from 'node:http';
import { ClientQueue, isMarker } from './client-queue.js';
import type { LogChange, RunLog } from './run-log.js';
import { parseEventId, sseFrame } from './sse-frame.js';

/** What one connected page is doing, for tests and the load check. */
export interface ClientStats {
  /** Events waiting in its queue (≤ its capacity). */
  readonly queued: number;
  /** Bytes written but not yet taken by the socket. */
  readonly buffered: number;
  /** Progress points it missed by reading slowly. */
  readonly dropped: number;
  /** Replaying the log (after connecting or overflowing) rather than following it live. */
  readonly replaying: boolean;
}

/** Milliseconds a page waits before reconnecting. */
const RETRY_MS = 500;

/**
 * Streams `log` to one page as server-sent events, never holding up whoever appends to the log.
 * The page first replays the log from after its `Last-Event-ID` (the whole log when absent or of
 * another generation), read by position so nothing is copied per client and nothing is dropped;
 * then it follows live through a bounded `ClientQueue`, written only while the socket takes it.
 * A queue that overflows with events that must not be dropped goes back to replaying the log after
 * the last event sent (so what its markers counted is sent instead).
 */
export function streamLog(
  log: RunLog,
  response: ServerResponse,
  lastEventId: string | undefined,
  capacity: number,
): () => ClientStats {
  const queue = new ClientQueue(capacity);
  const resumeFrom = parseEventId(lastEventId);
  /** The next log entry a replay sends. */
  let cursor =
    resumeFrom !== undefined && resumeFrom.generation === log.generation
      ? Math.min(resumeFrom.sequence, log.length) + 1
      : 1;
  let replaying = true;
  let writable = true;
  let ended = false;

  const write = (frame: string): void => {
    if (!response.write(frame)) writable = false;
  };
  const pump = (): void => {
    while (writable && !ended) {
      if (replaying) {
        const entry = log.at(cursor);
        if (entry === undefined) {
          replaying = false;
          continue;
        }
        cursor += 1;
        write(entry.frame);
        continue;
      }
      const item = queue.shift();
      if (item === undefined) {
        if (log.end !== undefined) finish(log.end);
        return;
      }
      cursor = (isMarker(item) ? item.through : item.sequence) + 1;
      write(isMarker(item) ? sseFrame({ event: 'dropped', data: { dropped: item.dropped } }) : item.frame);
    }
  };
  const finish = (frame: string): void => {
    ended = true;
    response.end(frame);
  };
  const onChange = (change: LogChange): void => {
    if (change.type === 'reset') {
      queue.clear();
      replaying = true;
      cursor = 1;
      write(sseFrame({ event: 'reset', data: { generation: log.generation } }));
    } else if (change.type === 'append' && !replaying && !queue.push(change.entry)) {
      queue.clear();
      replaying = true;
    }
    pump();
  };

  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  write(`retry: ${RETRY_MS}\n\n`);
  const stop = log.listen(onChange);
  response.on('drain', () => {
    writable = true;
    pump();
  });
  response.on('close', stop);
  pump();
  return () => ({ queued: queue.length, buffered: response.writableLength, dropped: queue.droppedTotal, replaying });
}
