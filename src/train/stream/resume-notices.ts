import type { ResolvedConfig } from './config.js';
import type { NoticeEvent, RunState } from '../loop/index.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * What a resumed run takes from its checkpoint rather than from `config`, said once for each setting
 * given otherwise: the learning rates (`lr`, `featuresLrScale`: the schedule continues where it
 * was), the seed (the split, the order and the dropout masks follow the checkpoint's), and the
 * weights (restored, so a `weights` file is not loaded).
 */
export function resumeNotices(config: ResolvedConfig, path: string, state: RunState): NoticeEvent[] {
  const recorded = isRecord(state.config) ? state.config : {};
  const notice = (message: string): NoticeEvent => ({ kind: 'notice', message: `resuming from ${path}: ${message}` });
  const notices: NoticeEvent[] = [];
  const lrs = state.optimizer.lrs.map((lr) => +lr.toPrecision(6)).join(', ');
  for (const key of ['lr', 'featuresLrScale'] as const) {
    if (recorded[key] !== undefined && recorded[key] !== config[key]) {
      notices.push(
        notice(
          `${key} ${config[key]} is not applied; the run started with ${String(recorded[key])} and its learning rates (${lrs}) continue`,
        ),
      );
    }
  }
  if (config.seed !== state.seed) {
    notices.push(
      notice(
        `seed ${config.seed} is not applied; the checkpoint's seed ${state.seed} keeps the split, the order and the dropout masks`,
      ),
    );
  }
  if (config.weights !== undefined)
    notices.push(notice(`weights ${config.weights} is not loaded; the checkpoint's weights are restored`));
  return notices;
}
