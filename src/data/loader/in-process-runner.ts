import { seededRandom } from '../random.js';
import type { Entry } from '../sample-types.js';
import { collate, type TransformedSample } from './collate.js';
import { runSample, type SampleTransform } from './run-sample.js';
import type { RunningChunk, SampleRunner } from './sample-runner.js';

/** Runs each sample alone through `transform` on this thread (`workers: 0`), with its generator `seededRandom(seed, epoch, index)`. */
export class InProcessRunner implements SampleRunner<TransformedSample> {
  readonly chunkSize = 1;
  private readonly scratch = {};

  constructor(
    private readonly transform: SampleTransform,
    private readonly options: { readonly seed: number; readonly epoch: number; readonly onBadImage: 'skip' | 'fail' },
  ) {}

  room(): number {
    return Infinity;
  }

  start(entries: readonly Entry[]): RunningChunk<TransformedSample> {
    const { seed, epoch, onBadImage } = this.options;
    const running = entries.map((entry) =>
      runSample(
        { ...entry, image: undefined, random: seededRandom(seed, epoch, entry.index) },
        this.transform,
        onBadImage,
      ),
    );
    return {
      outcomes: Promise.all(running.map((sample) => sample.outcome)),
      cancel: () => running.forEach((sample) => sample.cancel()),
    };
  }

  collate(samples: readonly TransformedSample[]) {
    return collate(samples, this.scratch);
  }

  close(): void {}
}
