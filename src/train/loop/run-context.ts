import * as tf from '@tensorflow/tfjs';
import { DuplicateStateKeyError } from './errors.js';
import { crossEntropy, type LossFunction, readNamed, type NamedArrays } from '../optim/index.js';
import type { Optimizer, OptimizerState } from '../optim/index.js';
import { DEFAULT_SEED } from '../../data/index.js';

/** State an operator keeps across a checkpoint (plain JSON data). */
export interface Stateful {
  save(): unknown;
  load(state: unknown): void;
}

/** Everything needed to continue a run exactly: what a checkpoint file holds. */
export interface RunState {
  /** Epochs completed, i.e. the epoch the run continues with. */
  readonly epoch: number;
  readonly step: number;
  /** Dropout masks are drawn from (seed, step), so these two are the random generator's state. */
  readonly seed: number;
  readonly optimizer: OptimizerState;
  readonly weights: NamedArrays;
  readonly operators: Readonly<Record<string, unknown>>;
  readonly config: unknown;
}

export interface RunContextOptions {
  readonly model: tf.LayersModel;
  readonly optimizer: Optimizer;
  readonly loss?: LossFunction;
  readonly seed?: number;
  /** Recorded in checkpoints, as JSON. */
  readonly config?: unknown;
}

/**
 * The mutable side of a run, shared by `fit` and the operators on its events: the model, the
 * optimiser, the position (epoch, step), a queue of work the training loop waits for (validation,
 * checkpoint writes) and the operators' checkpointed state. Events stay plain data; whatever needs
 * the model or the optimiser receives this context explicitly.
 */
export class RunContext {
  readonly model: tf.LayersModel;
  readonly optimizer: Optimizer;
  readonly loss: LossFunction;
  readonly config: unknown;
  seed: number;
  /** Epochs completed. */
  epoch = 0;
  /** Optimisation steps completed. */
  step = 0;
  private queue: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly operators = new Map<string, Stateful>();
  private readonly stepHooks = new Set<() => void>();
  private savedOperators: Readonly<Record<string, unknown>> = {};

  constructor(options: RunContextOptions) {
    this.model = options.model;
    this.optimizer = options.optimizer;
    this.loss = options.loss ?? crossEntropy;
    this.seed = options.seed ?? DEFAULT_SEED;
    this.config = options.config ?? null;
  }

  /** Queues work the training loop finishes before its next step; runs after work queued earlier. */
  hold(work: () => Promise<void>): void {
    this.queue = this.queue.then(work);
    this.queue.catch(() => undefined); // the failure is reported through `settled()`
  }

  /** Resolves when all held work is done, including work queued meanwhile; rejects with the first failure. */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
  }

  /** Forgets held work (a new training loop starts). */
  resetQueue(): void {
    this.queue = Promise.resolve();
    this.stopping = false;
  }

  /** Asks the training loop to finish before its next step, and complete with `done`. */
  requestStop(): void {
    this.stopping = true;
  }

  get stopRequested(): boolean {
    return this.stopping;
  }

  /**
   * Registers an operator's state for checkpoints; state saved under `key` (restored from a
   * checkpoint, or left by an earlier subscription of the operator) is applied now.
   */
  keep(key: string, stateful: Stateful): () => void {
    if (this.operators.has(key)) throw new DuplicateStateKeyError(key);
    this.operators.set(key, stateful);
    if (key in this.savedOperators) stateful.load(this.savedOperators[key]);
    return () => {
      if (this.operators.get(key) !== stateful) return;
      this.savedOperators = { ...this.savedOperators, [key]: stateful.save() };
      this.operators.delete(key);
    };
  }

  /**
   * Runs `hook` right before each optimisation step, when `step` (and `epoch`) name the step about
   * to run: how per-step schedules set the rate a step uses. Returns how to remove it.
   */
  beforeEachStep(hook: () => void): () => void {
    this.stepHooks.add(hook);
    return () => this.stepHooks.delete(hook);
  }

  /** Called by the training loop before each step. */
  runStepHooks(): void {
    for (const hook of this.stepHooks) hook();
  }

  async snapshot(): Promise<RunState> {
    const operators: Record<string, unknown> = { ...this.savedOperators };
    for (const [key, stateful] of this.operators) operators[key] = stateful.save();
    return {
      epoch: this.epoch,
      step: this.step,
      seed: this.seed,
      optimizer: await this.optimizer.state(),
      weights: await readNamed(this.model.weights.map((w) => [w.originalName, w.read()] as [string, tf.Tensor])),
      operators,
      config: this.config,
    };
  }

  /** Puts the model, optimiser, position and operator state back as `state` recorded them. */
  restore(state: RunState): void {
    const problems: string[] = [];
    const byName = new Map(this.model.weights.map((w) => [w.originalName, w]));
    for (const [name, weight] of byName) {
      const saved = state.weights[name];
      if (saved === undefined) problems.push(`missing weight ${name}`);
      else if (saved.shape.join() !== weight.shape.join()) {
        problems.push(`weight ${name} has shape [${saved.shape}], the model [${weight.shape}]`);
      }
    }
    for (const name of Object.keys(state.weights)) if (!byName.has(name)) problems.push(`unexpected weight ${name}`);
    if (problems.length > 0) throw new RangeError(problems.join('; '));
    for (const [name, weight] of byName) {
      const saved = state.weights[name]!;
      const value = tf.tensor(saved.values, [...saved.shape], 'float32');
      weight.write(value);
      value.dispose();
    }
    this.optimizer.restore(state.optimizer);
    this.epoch = state.epoch;
    this.step = state.step;
    this.seed = state.seed;
    this.savedOperators = state.operators;
    for (const [key, stateful] of this.operators) if (key in state.operators) stateful.load(state.operators[key]);
  }

  /** Frees the optimiser's state; the model belongs to whoever made it. */
  dispose(): void {
    this.optimizer.dispose();
  }
}

export const runContext = (options: RunContextOptions): RunContext => new RunContext(options);
