import { Subject, finalize, tap, type Observable } from 'rxjs';
import type { DashboardHandle } from '../dashboard/index.js';
import type { TrainEvent } from '../train/index.js';
import type { CliIo } from './command.js';
import type { OptionSpec } from './flags/option-spec.js';

export const DASHBOARD_PORT_OPTION = {
  type: 'integer',
  min: 0,
  max: 65535,
  default: 6006,
  description: 'port to serve on (0: any free one)',
} as const satisfies OptionSpec;
export const DASHBOARD_HOST_OPTION = {
  type: 'string',
  placeholder: 'ADDRESS',
  default: '127.0.0.1',
  description: 'address to listen on; 0.0.0.0 lets other machines read the runs (warned about)',
} as const satisfies OptionSpec;
/** `rxtrain train --dashboard [PORT]`. */
export const DASHBOARD_FLAG = {
  type: 'integer',
  min: 0,
  max: 65535,
  bare: 6006,
  placeholder: '[PORT]',
  description: 'watch the run live in the browser at http://127.0.0.1:PORT/ (alone: 6006)',
} as const satisfies OptionSpec;

/** Serves until Ctrl-C, which closes the server and ends the command. */
export async function serveUntilInterrupted(handle: DashboardHandle, io: CliIo): Promise<void> {
  io.out(`rxtrain dashboard: serving ${handle.url} (Ctrl-C stops)`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await handle.close();
  io.out('rxtrain dashboard: stopped');
}

/**
 * `events$` served live on `port` while it runs: the dashboard sees every event the run's pipeline
 * passes on and closes when the run ends.
 */
export async function withLiveDashboard(
  events$: Observable<TrainEvent>,
  port: number,
  config: unknown,
  io: CliIo,
): Promise<Observable<TrainEvent>> {
  const [{ serveDashboard }, tf] = await Promise.all([import('../dashboard/index.js'), import('@tensorflow/tfjs')]);
  const seen = new Subject<TrainEvent>();
  const handle = await serveDashboard(seen, {
    port,
    config,
    backend: () => tf.getBackend(),
    name: 'live',
    warn: io.err,
  });
  io.out(`rxtrain dashboard: watch this run at ${handle.url}`);
  return events$.pipe(
    tap(seen),
    finalize(() => void handle.close()),
  );
}
