import { defineCommand } from '../command.js';
import { DASHBOARD_HOST_OPTION, DASHBOARD_PORT_OPTION, serveUntilInterrupted } from '../live-dashboard.js';

export const dashboardCommand = defineCommand({
  name: 'dashboard',
  summary: 'watch runs in the browser: curves, per-class accuracy, kernels, live while they train',
  description:
    "Serve a read-only page that lists the runs under RUNS_DIR (default runs; every folder with an events.jsonl), overlays the curves of the runs ticked, and follows a log still being written. It shows loss, accuracy, learning rate, images/s, progress and ETA, per-class accuracy and the confusion matrix, the first-layer kernels and feature maps, notices, skipped files and the configuration. It needs no network: the page's scripts ship with rxtrain. Binds to 127.0.0.1 unless --host says otherwise.",
  usage: 'rxtrain dashboard [RUNS_DIR] [--port 6006] [--host 127.0.0.1]',
  positionals: { placeholder: 'RUNS_DIR', min: 0 },
  options: { port: DASHBOARD_PORT_OPTION, host: DASHBOARD_HOST_OPTION },
  examples: ['rxtrain dashboard', 'rxtrain dashboard runs --port 6007'],
  async run(flags, io, positionals) {
    const { serveRunsDashboard } = await import('../../dashboard/index.js');
    const { UnexpectedArgumentError } = await import('../flags/errors.js');
    if (positionals.length > 1) throw new UnexpectedArgumentError(positionals[1]!);
    const handle = await serveRunsDashboard(positionals[0] ?? 'runs', {
      port: flags.port,
      host: flags.host,
      warn: io.err,
    });
    await serveUntilInterrupted(handle, io);
  },
});
