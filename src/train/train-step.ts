import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/batch-types.js';
import type { RunContext } from './run-context.js';
import { seedDropout } from './seeded-dropout.js';

/**
 * One optimisation step in training mode (dropout on, seeded by the step): forward, loss,
 * gradients of the groups that learn, optimiser update. Returns `[loss, correct]` still on the
 * device, for the caller to read when it suits it. Does not dispose the batch.
 */
export function trainStep(context: RunContext, batch: Batch): tf.Tensor1D {
  const { model, optimizer, loss } = context;
  seedDropout(model, context.seed, context.step);
  let logits: tf.Tensor | undefined;
  const forward = (): tf.Scalar => {
    logits = tf.keep(model.apply(batch.x, { training: true }) as tf.Tensor);
    return loss(logits, batch.y);
  };
  try {
    const variables = optimizer.trainableVariables();
    const { value, grads } = variables.length > 0 ? tf.variableGrads(forward, variables) : { value: tf.tidy(forward), grads: {} };
    optimizer.step(grads);
    tf.dispose(grads);
    return tf.tidy(() => {
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits!, 1), tf.cast(batch.y, 'int32')), 'float32'));
      const stats = tf.stack([value, correct]) as tf.Tensor1D;
      value.dispose();
      return stats;
    });
  } finally {
    logits?.dispose();
  }
}
