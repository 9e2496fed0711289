import type { RunLog } from './run-log.js';

/** A run as the page lists it. */
export interface RunSummary {
  readonly id: string;
  /** Served straight from a running process's events (not from a file). */
  readonly live: boolean;
  readonly modified?: string;
  readonly bytes?: number;
}

/** What the page shows beside the events: the run's configuration and backend, where known. */
export interface RunInfo {
  readonly config?: unknown;
  readonly backend?: string | undefined;
}

/** Where the server's runs come from: one live stream, or the logs under a runs folder. */
export interface RunSource {
  list(): Promise<readonly RunSummary[]>;
  /** The log of run `id` (following it from now on), or undefined for a run that does not exist. */
  log(id: string): Promise<RunLog | undefined>;
  info(id: string): Promise<RunInfo | undefined>;
  close(): void;
}
