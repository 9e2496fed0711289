import { existsSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tap, type Observable } from 'rxjs';
import { consoleProgress, logJsonl, plotOnDone, readJsonl, logTensorBoard } from '../report/index.js';
import type { ActiveBackend } from '../backend/index.js';
import type { TrainConfig, TrainEvent } from '../train/index.js';
import { epochCheckpoints, lockRunFolder, RunFolderError } from '../train/index.js';
import type { CliIo } from './command.js';

/** The run folder's files, as the CLI writes them. */
export const runFiles = (outDir: string) => ({
  log: join(outDir, 'events.jsonl'),
  curves: join(outDir, 'curves.png'),
  kernels: join(outDir, 'kernels.png'),
});

const sizeOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);

/**
 * Before a run: an `--out` folder whose log holds an earlier run is refused unless the run resumes
 * (the log goes on) or `--force` starts over (the log, plots and TensorBoard files are deleted; `trainStream` deletes
 * the checkpoints). Two runs never share one log.
 */
function claimRunFolder(config: TrainConfig & { outDir: string }): void {
  const files = runFiles(config.outDir);
  if (config.resume !== undefined || sizeOf(files.log) === 0) return;
  if (!config.force) {
    throw new RunFolderError(
      config.outDir,
      'holds an earlier run (events.jsonl): resume it with --resume latest, start over with --force (which deletes it), or choose another --out',
    );
  }
  for (const path of Object.values(files)) rmSync(path, { force: true });
  for (const name of readdirSync(config.outDir))
    if (name.startsWith('events.out.tfevents.')) rmSync(join(config.outDir, name), { force: true });
}

/**
 * The earlier run `outDir` holds, if any: its log (`events.jsonl`, not empty) or its checkpoints.
 * Resolves with what was found, for a message; undefined when there is none.
 */
export async function earlierRunIn(outDir: string): Promise<string | undefined> {
  if (sizeOf(runFiles(outDir).log) > 0) return 'events.jsonl';
  const checkpoints = join(outDir, 'checkpoints');
  const count = (await epochCheckpoints(checkpoints)).length + (existsSync(join(checkpoints, 'best.ckpt')) ? 1 : 0);
  return count === 0 ? undefined : `${count} checkpoint${count === 1 ? '' : 's'}`;
}

/** What a run folder held before a run, so that a failed start can remove just what it added. */
interface FolderBefore {
  readonly existed: boolean;
  readonly tensorBoardFiles: ReadonlySet<string>;
  readonly logSize: number;
}

const tensorBoardFiles = (outDir: string): string[] =>
  existsSync(outDir) ? readdirSync(outDir).filter((name) => name.startsWith('events.out.tfevents.')) : [];

const folderBefore = (outDir: string): FolderBefore => ({
  existed: existsSync(outDir),
  tensorBoardFiles: new Set(tensorBoardFiles(outDir)),
  logSize: sizeOf(runFiles(outDir).log),
});

/**
 * After a run that failed before its first event (a bad start, a failed resume): removes the
 * TensorBoard files it made (they hold only their header), an empty log, an empty `checkpoints/`,
 * and the folder if the run made it and it is empty.
 */
function removeUnusedRunFolder(outDir: string, before: FolderBefore): void {
  const { log } = runFiles(outDir);
  if (!existsSync(outDir) || sizeOf(log) !== before.logSize) return;
  for (const name of tensorBoardFiles(outDir))
    if (!before.tensorBoardFiles.has(name)) rmSync(join(outDir, name), { force: true });
  if (existsSync(log) && sizeOf(log) === 0) rmSync(log, { force: true });
  for (const folder of [join(outDir, 'checkpoints'), ...(before.existed ? [] : [outDir])]) {
    try {
      rmdirSync(folder);
    } catch {
      // Missing, or not empty: something else is in it.
    }
  }
}

export interface ReportOptions {
  /** Print a step line every this many iterations; default 1. */
  readonly logInterval?: number;
  /** Draw every step as a status line when standard output is a terminal. */
  readonly bar?: boolean;
  /** Serve the run live in the browser on this port. */
  readonly dashboard?: number | undefined;
  /** Lines printed once the run has started and Ctrl-C and SIGTERM stop it (e.g. a `Notice:`). */
  readonly preface?: readonly string[];
}

/**
 * A run's events through the CLI's sinks: plots on `done` (the curves continuing `history`, the
 * events already in the log), a TensorBoard event file, every event appended to
 * `outDir/events.jsonl`, and the seed's console lines, with a progress bar if asked.
 */
export function reportRun(
  events$: Observable<TrainEvent>,
  options: ReportOptions & { outDir: string; epochs: number; io: CliIo; history?: readonly TrainEvent[] },
): Observable<TrainEvent> {
  const bar = options.bar ? options.io.terminal : undefined;
  return events$.pipe(
    plotOnDone({ dir: options.outDir, history: options.history }),
    logTensorBoard({ dir: options.outDir }),
    logJsonl(runFiles(options.outDir).log),
    consoleProgress({
      epochs: options.epochs,
      logInterval: options.logInterval,
      write: options.io.out,
      bar,
      validatingLines: options.io.terminal !== undefined,
    }),
  );
}

/**
 * Trains with `config` and reports into `config.outDir`. Ctrl-C unsubscribes, which stops the run
 * and frees its tensors, and ends the command with the interruption as its error.
 */
export async function runTraining(
  config: TrainConfig & { outDir: string },
  io: CliIo,
  report: ReportOptions = {},
): Promise<void> {
  const { trainStream, DEFAULTS, configRecord, resolveConfig } = await import('../train/index.js');
  const { withLiveDashboard } = await import('./live-dashboard.js');
  const { initBackend } = await import('../backend/index.js');
  const before = folderBefore(config.outDir);
  // The run's first lines, printed with its first event: the backend trainStream selects (the same
  // selection, settled by then; a failure is the run's own error), then the preface.
  let firstLines: string[] | undefined;
  initBackend({ backend: config.backend }).then(
    (active) => void (firstLines = [backendLine(active), ...(report.preface ?? [])]),
    () => undefined,
  );
  const run$ = trainStream(config).pipe(
    tap(() => {
      for (const line of firstLines ?? []) io.out(line);
      firstLines = [];
    }),
  );
  const lock = lockRunFolder(config.outDir);
  let claimed = before;
  try {
    claimRunFolder(config);
    claimed = { ...before, logSize: sizeOf(runFiles(config.outDir).log) };
    const history = await previousEvents(runFiles(config.outDir).log, io);
    const reported$ = reportRun(run$, {
      outDir: config.outDir,
      epochs: config.epochs ?? DEFAULTS.epochs,
      io,
      history,
      ...report,
    });
    const events$ =
      report.dashboard === undefined
        ? reported$
        : await withLiveDashboard(reported$, report.dashboard, configRecord(resolveConfig(config)), io);
    await new Promise<void>((resolve, reject) => {
      const subscription = events$.subscribe({ error: reject, complete: resolve });
      const interrupt = (signal: 'SIGINT' | 'SIGTERM'): void => {
        subscription.unsubscribe();
        reject(new InterruptedError(signal));
      };
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      subscription.add(() => {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      });
    });
  } catch (error) {
    lock.release();
    removeUnusedRunFolder(config.outDir, claimed);
    throw error;
  } finally {
    lock.release();
  }
}

/** The events an earlier run (or the run being resumed) left in the log; a log that cannot be read is reported and left out of the curves. */
async function previousEvents(log: string, io: CliIo): Promise<TrainEvent[]> {
  if (!existsSync(log)) return [];
  try {
    return await readJsonl(log);
  } catch (error) {
    io.err(`rxtrain: curves.png will show this run only: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

/** The backend a run trains on, and why, without the list of those skipped (`rxtrain info` has it). */
export const backendLine = (active: ActiveBackend): string =>
  `backend: ${active.name} (${active.reason.split('. Skipped ')[0]})`;

/** The user stopped the run: Ctrl-C (SIGINT) or SIGTERM. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(readonly signal: 'SIGINT' | 'SIGTERM' = 'SIGINT') {
    super(
      `${signal === 'SIGTERM' ? 'terminated (SIGTERM)' : 'interrupted'}: the run was stopped and its tensors freed; the last checkpoint is kept`,
    );
  }
}
