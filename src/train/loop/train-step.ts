import * as tf from '@tensorflow/tfjs';
import type { RunContext } from './run-context.js';
import { seedDropout } from '../optim/index.js';
import type { TrainBatch } from './train-batch.js';

/**
 * One optimisation step in training mode (dropout on, seeded by the step): forward, loss,
 * gradients of the groups that learn, optimiser update. With soft targets a prediction counts as
 * correct when it is the most probable target class. Returns `[loss, correct]` still on the
 * device, for the caller to read when it suits it. Does not dispose the batch.
 */
export function trainStep(context: RunContext, batch: TrainBatch): tf.Tensor1D {
  const { model, optimizer, loss } = context;
  seedDropout(model, context.seed, context.step);
  let logits: tf.Tensor | undefined;
  const forward = (): tf.Scalar => {
    logits = tf.keep(model.apply(batch.x, { training: true }) as tf.Tensor);
    return loss(logits, batch.y);
  };
  try {
    const variables = optimizer.trainableVariables();
    const { value, grads } =
      variables.length > 0 ? tf.variableGrads(forward, variables) : { value: tf.tidy(forward), grads: {} };
    optimizer.step(grads);
    tf.dispose(grads);
    return tf.tidy(() => {
      const truth = batch.y.rank === 2 ? tf.argMax(batch.y, 1) : tf.cast(batch.y, 'int32');
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits!, 1), truth), 'float32'));
      const stats = tf.stack([value, correct]) as tf.Tensor1D;
      value.dispose();
      return stats;
    });
  } finally {
    logits?.dispose();
  }
}
