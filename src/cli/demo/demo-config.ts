import { join } from 'node:path';
import type { TrainConfig } from '../../train/index.js';
import { demoAlexNet } from './demo-model.js';
import { DEFAULT_SEED } from '../../data/index.js';

export interface DemoOptions {
  readonly out: string;
  readonly epochs: number;
  readonly backend: TrainConfig['backend'];
  readonly maxIterations?: number | undefined;
  /** Delete an earlier run in `out` (never its data). */
  readonly force?: boolean;
}

/**
 * The demo run: an AlexNet with a quarter of the channels, from scratch (He-initialised), on 64 px
 * crops of the synthetic demo folder at a constant learning rate — small enough to train in a few
 * minutes on two cores. An earlier run in its folder is replaced only with `force` (the data is kept).
 */
export function demoConfig(options: DemoOptions): TrainConfig & { outDir: string } {
  return {
    data: join(options.out, 'data'),
    outDir: options.out,
    epochs: options.epochs,
    batchSize: 16,
    validBatchSize: 4,
    lr: 0.003,
    momentum: 0.9,
    lrDecay: null,
    model: demoAlexNet,
    widthDivisor: 4,
    imageSize: 64,
    backend: options.backend,
    maxIterations: options.maxIterations,
    seed: DEFAULT_SEED,
    force: options.force ?? false,
  };
}
