import type { Schedule } from './schedule.js';

/**
 * `SequentialLR`: `schedules[i]` from `milestones[i − 1]` on, counting from 0 again there, each
 * from the group's initial rate; e.g. `sequential([linearLR(...), cosineAnnealing(...)], [5])`.
 */
export function sequential(schedules: readonly Schedule[], milestones: readonly number[]): Schedule {
  if (schedules.length === 0 || milestones.length !== schedules.length - 1) {
    throw new RangeError(
      `sequential: expected ${Math.max(schedules.length - 1, 0)} milestones for ${schedules.length} schedules, got ${milestones.length}`,
    );
  }
  if (milestones.some((m, i) => !Number.isInteger(m) || m < 1 || (i > 0 && m <= milestones[i - 1]!))) {
    throw new RangeError(`sequential: milestones must be increasing positive integers, got [${milestones.join(', ')}]`);
  }
  const phase = (index: number): [Schedule, number] => {
    const i = milestones.filter((m) => m <= index).length;
    return [schedules[i]!, i === 0 ? index : index - milestones[i - 1]!];
  };
  const withMomentum = schedules.some((s) => s.momentum !== undefined);
  return {
    name: `sequential(${schedules.map((s) => s.name).join(', ')})`,
    lr(index, base) {
      const [schedule, local] = phase(index);
      return schedule.lr(local, base);
    },
    ...(withMomentum
      ? {
          momentum(index: number, base: number) {
            const [schedule, local] = phase(index);
            return schedule.momentum?.(local, base) ?? base;
          },
        }
      : {}),
  };
}
