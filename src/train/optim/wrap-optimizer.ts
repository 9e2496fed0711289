import type { Optimizer } from './sgd.js';

type Overrides = Partial<Pick<Optimizer, 'step' | 'state' | 'restore' | 'dispose'>>;

/** `inner` with some of its methods replaced; everything else (learning rates, momenta, groups) is `inner`'s. */
export function wrapOptimizer(inner: Optimizer, overrides: Overrides): Optimizer {
  const { setMomenta } = inner;
  return {
    get groups() {
      return inner.groups;
    },
    get lrs() {
      return inner.lrs;
    },
    setLrs: (lrs) => inner.setLrs(lrs),
    get momenta() {
      return inner.momenta;
    },
    ...(setMomenta === undefined
      ? {}
      : { setMomenta: (momenta: readonly number[]) => setMomenta.call(inner, momenta) }),
    trainableVariables: () => inner.trainableVariables(),
    step: (grads) => inner.step(grads),
    state: () => inner.state(),
    restore: (state) => inner.restore(state),
    dispose: () => inner.dispose(),
    ...overrides,
  };
}
