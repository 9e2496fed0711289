/**
 * `tf.transpose` on a plain row-major array: output axis k is input axis `perm[k]`. Walks the output
 * in order while stepping the input offset by each axis's stride, so a 37M-element linear weight is
 * reordered in one pass without allocating tensors.
 */
export function transposeArray(data: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const rank = shape.length;
  const inputStrides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const outShape = perm.map((axis) => shape[axis]);
  const steps = perm.map((axis) => inputStrides[axis]);
  const out = new Float32Array(data.length);
  if (data.length === 0) return out;
  const index = new Array<number>(rank).fill(0);
  const last = rank - 1;
  const innerSize = outShape[last]!;
  const innerStep = steps[last]!;
  let offset = 0;
  for (let o = 0; o < out.length; o += innerSize) {
    for (let i = 0, at = offset; i < innerSize; i++, at += innerStep) out[o + i] = data[at]!;
    for (let axis = last - 1; axis >= 0; axis--) {
      if (++index[axis]! < outShape[axis]!) {
        offset += steps[axis]!;
        break;
      }
      offset -= (outShape[axis]! - 1) * steps[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}
