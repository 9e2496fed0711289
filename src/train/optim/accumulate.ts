import * as tf from '@tensorflow/tfjs';
import { readNamed, variableOf } from './named-arrays.js';
import type { Optimizer } from './sgd.js';
import { wrapOptimizer } from './wrap-optimizer.js';
import { checkArgument, positiveInteger } from '../../util/index.js';

const ACCUMULATED = 'accumulated:';

/**
 * `optimizer` stepping once every `batches` calls, with the mean of their gradients: with losses
 * that average over the batch, `batches` batches of n give the gradient of one batch of
 * `batches`·n (exactly so without BatchNorm). Gradients gathered towards an unfinished step are
 * part of the state, so a checkpoint between two steps resumes exactly.
 */
export function accumulateGradients(optimizer: Optimizer, batches: number): Optimizer {
  checkArgument('accumulateGradients', 'batches', batches, positiveInteger);
  if (batches === 1) return optimizer;
  /** By `tf.variableGrads` key (the variable's name in this process); checkpoints name weights as the model does. */
  const sums = new Map<string, tf.Variable>();
  const weightNames = (): Map<string, string> =>
    new Map(
      optimizer.groups.flatMap((group) =>
        group.variables.map((v) => [(v.read() as tf.Variable).name, v.originalName] as [string, string]),
      ),
    );
  let count = 0;
  const clear = (): void => {
    for (const sum of sums.values()) sum.dispose();
    sums.clear();
    count = 0;
  };
  return wrapOptimizer(optimizer, {
    step(grads) {
      for (const [name, gradient] of Object.entries(grads)) {
        const sum = sums.get(name);
        if (sum === undefined) sums.set(name, tf.variable(gradient, false));
        else tf.tidy(() => sum.assign(tf.add(sum, gradient)));
      }
      count += 1;
      if (count < batches) return;
      const mean = tf.tidy(() => Object.fromEntries([...sums].map(([name, sum]) => [name, tf.div(sum, batches)])));
      clear();
      try {
        optimizer.step(mean);
      } finally {
        tf.dispose(mean);
      }
    },
    async state() {
      const inner = await optimizer.state();
      const names = weightNames();
      const gathered = await readNamed(
        [...sums].map(([name, sum]) => [ACCUMULATED + (names.get(name) ?? name), sum] as [string, tf.Tensor]),
      );
      return {
        ...inner,
        momentum: { ...inner.momentum, ...gathered },
        hyper: { kind: inner.hyper?.kind ?? 'sgd', ...inner.hyper, accumulated: count },
      };
    },
    restore(state) {
      const own = Object.entries(state.momentum).filter(([name]) => name.startsWith(ACCUMULATED));
      const { accumulated = 0, ...hyper } = (state.hyper ?? { kind: 'sgd' }) as { kind: string; accumulated?: number };
      optimizer.restore({
        ...state,
        momentum: Object.fromEntries(Object.entries(state.momentum).filter(([name]) => !name.startsWith(ACCUMULATED))),
        hyper,
      });
      clear();
      const variableNames = new Map([...weightNames()].map(([variable, weight]) => [weight, variable]));
      for (const [name, saved] of own) {
        const weight = name.slice(ACCUMULATED.length);
        sums.set(variableNames.get(weight) ?? weight, variableOf(saved));
      }
      count = accumulated;
    },
    dispose() {
      clear();
      optimizer.dispose();
    },
  });
}
