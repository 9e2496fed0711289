import { boolean, fail, integer, isObject, noUnknownKeys, number, ruled, type Check } from './config-checks.js';
import { oneOf as oneOfRule } from '../../util/index.js';
import type { RecipeConfig } from './recipe-config.js';

const oneOf = (choices: readonly string[]): Check => ruled(oneOfRule(choices, true));
const optional = (check: Check, v: unknown, k: string): void => {
  if (v !== undefined) check(v, k);
};

/** The recipe keys' checks, as `resolveConfig` runs them. */
export const RECIPE_CHECKS: Record<keyof RecipeConfig, Check> = {
  optimizer: oneOf(['sgd', 'adam', 'adamw']),
  nesterov: boolean,
  betas: (v, k) => {
    if (!Array.isArray(v) || v.length !== 2) return fail(k, 'a pair [β₁, β₂]', v);
    v.forEach((beta, i) => number(0, 1)(beta, `${k}[${i}]`));
    if (v[0] === 1 || v[1] === 1) fail(k, 'values in [0, 1)', v);
  },
  eps: number(0),
  noDecay: (v, k) => {
    if (typeof v !== 'boolean' && typeof v !== 'function') fail(k, 'true, false or a rule (variable) => boolean', v);
  },
  schedule: (v, k) => {
    if (v === null) return;
    if (!isObject(v)) return fail(k, "{ kind: 'cosine' | 'one-cycle' | 'constant' | 'custom', ... } or null", v);
    noUnknownKeys(
      v,
      ['kind', 'interval', 'warmup', 'warmupStartFactor', 'etaMin', 'restart', 'oneCycle', 'schedule'],
      `${k}.`,
    );
    oneOf(['cosine', 'one-cycle', 'constant', 'custom'])(v.kind, `${k}.kind`);
    optional(oneOf(['step', 'epoch']), v.interval, `${k}.interval`);
    optional(integer(0), v.warmup, `${k}.warmup`);
    if (v.kind === 'one-cycle' && (v.warmup ?? 0) !== 0)
      fail(`${k}.warmup`, '0 with one-cycle (it warms up itself: oneCycle.pctStart)', v.warmup);
    optional(number(0, 1, true), v.warmupStartFactor, `${k}.warmupStartFactor`);
    optional(number(0), v.etaMin, `${k}.etaMin`);
    if (v.restart !== undefined) {
      if (!isObject(v.restart)) return fail(`${k}.restart`, '{ t0, tMult? }', v.restart);
      noUnknownKeys(v.restart, ['t0', 'tMult'], `${k}.restart.`);
      integer(1)(v.restart.t0, `${k}.restart.t0`);
      optional(integer(1), v.restart.tMult, `${k}.restart.tMult`);
    }
    if (v.oneCycle !== undefined && !isObject(v.oneCycle))
      fail(`${k}.oneCycle`, 'an object of OneCycleLR options', v.oneCycle);
    if (v.kind === 'custom' && !(isObject(v.schedule) && typeof v.schedule.lr === 'function'))
      fail(`${k}.schedule`, 'a Schedule { name, lr(index, base) }', v.schedule);
  },
  labelSmoothing: number(0, 1),
  mixing: (v, k) => {
    if (v === null) return;
    if (!isObject(v)) return fail(k, '{ mixup?, cutmix?, switchProbability?, probability? } or null', v);
    noUnknownKeys(v, ['mixup', 'cutmix', 'switchProbability', 'probability'], `${k}.`);
    if (v.mixup === undefined && v.cutmix === undefined) fail(k, 'mixup and/or cutmix (their α)', v);
    optional(number(0, Infinity, true), v.mixup, `${k}.mixup`);
    optional(number(0, Infinity, true), v.cutmix, `${k}.cutmix`);
    optional(number(0, 1), v.switchProbability, `${k}.switchProbability`);
    optional(number(0, 1), v.probability, `${k}.probability`);
  },
  clipGradNorm: (v, k) => {
    if (v !== null) number(0, Infinity, true)(v, k);
  },
  accumulate: integer(1),
};
