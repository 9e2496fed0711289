import type { Observable } from 'rxjs';
import type { TrainEvent } from '../train/index.js';
import { startServer, type DashboardHandle, type DashboardOptions } from './http-server.js';
import { RunLog } from './run-log.js';
import type { RunInfo } from './run-source.js';

export interface LiveDashboardOptions extends DashboardOptions {
  /** The run's name on the page; default `live`. */
  readonly name?: string;
  /** The run's configuration, shown as JSON text. */
  readonly config?: unknown;
  /** The backend's name, or how to ask for it when a page does (it is chosen once the run starts). */
  readonly backend?: string | (() => string | undefined);
}

/**
 * Serves a page that follows `events$` live. It subscribes once, when called, so give it a shared
 * stream (`share()`, a `Subject`, or `tap(subject)` in the run's pipeline) to watch a run that
 * something else drives; every page sees every event from then on. Nothing a page does slows the
 * stream: events are kept for pages (and their reconnections) and sent as each page reads.
 * `close()` stops serving and unsubscribes.
 */
export async function serveDashboard(
  events$: Observable<TrainEvent>,
  options: LiveDashboardOptions = {},
): Promise<DashboardHandle> {
  const id = options.name ?? 'live';
  const log = new RunLog();
  const subscription = events$.subscribe({
    next: (event) => log.append(event),
    error: (error: unknown) => log.finish(`the run failed: ${error instanceof Error ? error.message : String(error)}`),
    complete: () => log.finish('the run has ended'),
  });
  const info = (): RunInfo => ({
    config: options.config,
    backend: typeof options.backend === 'function' ? options.backend() : options.backend,
  });
  try {
    return await startServer(
      {
        list: async () => [{ id, live: true }],
        log: async (asked) => (asked === id ? log : undefined),
        info: async (asked) => (asked === id ? info() : undefined),
        close: () => subscription.unsubscribe(),
      },
      options,
    );
  } catch (error) {
    subscription.unsubscribe();
    throw error;
  }
}
