/** A two-layer perceptron (dense → tanh → dense → softmax cross-entropy) in float64, by hand. */
export interface MlpWeights {
  w1: number[][]; // [in][hidden]
  b1: number[];
  w2: number[][]; // [hidden][classes]
  b2: number[];
}

export interface SgdHyper {
  readonly lrs: readonly [number, number];
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
}

const zerosLike = (m: number[][]): number[][] => m.map((row) => row.map(() => 0));

/** Mean cross-entropy and its gradients with respect to every weight. */
export function mlpGradients(weights: MlpWeights, x: number[][], y: number[]): { loss: number; grads: MlpWeights } {
  const n = x.length;
  const hidden = weights.b1.length;
  const classes = weights.b2.length;
  const grads: MlpWeights = {
    w1: zerosLike(weights.w1),
    b1: weights.b1.map(() => 0),
    w2: zerosLike(weights.w2),
    b2: weights.b2.map(() => 0),
  };
  let loss = 0;
  x.forEach((row, s) => {
    const pre = weights.b1.map((b, j) => b + row.reduce((acc, v, i) => acc + v * weights.w1[i]![j]!, 0));
    const h = pre.map((v) => Math.tanh(v));
    const z = weights.b2.map((b, k) => b + h.reduce((acc, v, j) => acc + v * weights.w2[j]![k]!, 0));
    const max = Math.max(...z);
    const exps = z.map((v) => Math.exp(v - max));
    const total = exps.reduce((a, b) => a + b, 0);
    const p = exps.map((e) => e / total);
    loss += -Math.log(p[y[s]!]!) / n;
    const dz = p.map((v, k) => (v - (k === y[s] ? 1 : 0)) / n);
    for (let k = 0; k < classes; k++) {
      grads.b2[k]! += dz[k]!;
      for (let j = 0; j < hidden; j++) grads.w2[j]![k]! += h[j]! * dz[k]!;
    }
    for (let j = 0; j < hidden; j++) {
      const dh = (1 - h[j]! ** 2) * dz.reduce((acc, v, k) => acc + v * weights.w2[j]![k]!, 0);
      grads.b1[j]! += dh;
      for (let i = 0; i < row.length; i++) grads.w1[i]![j]! += row[i]! * dh;
    }
  });
  return { loss, grads };
}

/** PyTorch's SGD update written out for one flat parameter list; returns the new buffer. */
export function sgdUpdate(
  p: number[],
  g: number[],
  buffer: number[] | undefined,
  lr: number,
  h: SgdHyper,
): number[] | undefined {
  const d = g.map((v, i) => v + h.weightDecay * p[i]!);
  let step = d;
  let next = buffer;
  if (h.momentum !== 0) {
    next = buffer === undefined ? [...d] : buffer.map((b, i) => h.momentum * b + (1 - h.dampening) * d[i]!);
    step = h.nesterov ? d.map((v, i) => v + h.momentum * next![i]!) : next;
  }
  p.forEach((v, i) => (p[i] = v - lr * step[i]!));
  return next;
}
