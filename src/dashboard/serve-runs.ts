import { startServer, type DashboardHandle, type DashboardOptions } from './http-server.js';
import { checkpointConfig } from './checkpoint-config.js';
import { followJsonl } from './follow-jsonl.js';
import { RunLog } from './run-log.js';
import { listRuns, runsRoot, type RunEntry } from './runs-dir.js';

/**
 * Serves a page listing the runs under `runsDir` (each folder with an `events.jsonl`, up to three
 * levels down), whose curves it overlays; a run's log is followed while it is written. Only those
 * logs, and the configuration in their newest checkpoint's header, are read: run ids come from the
 * listing, and a request's path never becomes a file path.
 */
export async function serveRunsDashboard(runsDir: string, options: DashboardOptions = {}): Promise<DashboardHandle> {
  const root = await runsRoot(runsDir);
  const followed = new Map<string, { log: RunLog; read: Promise<void>; stop: () => void }>();
  const find = async (id: string): Promise<RunEntry | undefined> => (await listRuns(root)).find((run) => run.id === id);
  return startServer(
    {
      list: async () => (await listRuns(root)).map(({ id, modified, bytes }) => ({ id, live: false, modified, bytes })),
      async log(id) {
        if (!followed.has(id)) {
          const run = await find(id);
          if (run === undefined) return undefined;
          if (!followed.has(id)) {
            const log = new RunLog();
            followed.set(id, { log, ...followJsonl(run.log, log) });
          }
        }
        const { log, read } = followed.get(id)!;
        await read;
        return log;
      },
      async info(id) {
        const run = await find(id);
        return run === undefined ? undefined : { config: await checkpointConfig(root, run.dir) };
      },
      close: () => {
        for (const { stop } of followed.values()) stop();
      },
    },
    options,
  );
}
