/** A line of a JSONL event log is not a JSON event (a truncated last line is tolerated, not this). */
export class EventLogParseError extends Error {
  override readonly name = 'EventLogParseError';
  constructor(
    readonly path: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${path}:${line}: expected one JSON training event per line; ${detail}`);
  }
}

/** A plot was asked for data it cannot draw; names the plot and what it needs. */
export class PlotInputError extends Error {
  override readonly name = 'PlotInputError';
  constructor(
    readonly plot: string,
    detail: string,
  ) {
    super(`${plot}: ${detail}`);
  }
}

/** An event could not be appended to the JSONL log (disk full, file removed, permissions). */
export class EventLogWriteError extends Error {
  override readonly name = 'EventLogWriteError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot append to event log ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
