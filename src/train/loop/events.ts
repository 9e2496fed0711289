/**
 * Everything a training run tells the outside world: plain data, never tensors. `step` counts
 * optimisation steps over the whole run (1-based), `iteration` within the epoch (1-based), `epoch`
 * is 0-based. Accuracies are fractions in [0, 1]. `trainStream` stamps each event with `time`.
 */
export type TrainEvent =
  | StepEvent
  | EpochEvent
  | ValidationEvent
  | LrEvent
  | CheckpointEvent
  | SkippedEvent
  | NoticeEvent
  | ValidatingEvent
  | DoneEvent;

/** The event of one `kind`: `EventOf<'step'>` is `StepEvent`. */
export type EventOf<K extends TrainEvent['kind']> = Extract<TrainEvent, { readonly kind: K }>;

/** What every event may carry. */
export interface EventBase {
  /** When the event was emitted: ISO 8601, UTC, milliseconds (`2026-11-30T21:04:05.123Z`). */
  readonly time?: string;
}

export interface StepEvent extends EventBase {
  readonly kind: 'step';
  readonly epoch: number;
  readonly iteration: number;
  readonly iterations: number;
  readonly step: number;
  readonly loss: number;
  /** Running top-1 accuracy over the epoch so far. */
  readonly accuracy: number;
  /** Learning rate of the first parameter group, and of every group in order. */
  readonly lr: number;
  readonly lrs: readonly number[];
  readonly imagesPerSecond: number;
  /** Seconds since the epoch started (the console's elapsed time and ETA). */
  readonly elapsed?: number;
}

export interface EpochEvent extends EventBase {
  readonly kind: 'epoch';
  readonly epoch: number;
  readonly step: number;
  /** Mean training loss and accuracy over the epoch. */
  readonly loss: number;
  readonly accuracy: number;
  readonly seconds: number;
}

export interface ValidationEvent extends EventBase {
  readonly kind: 'validation';
  readonly epoch: number;
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
  /** Present when there are more than 5 classes. */
  readonly top5?: number;
  /** Top-1 accuracy of each class, index = label. */
  readonly perClass: readonly number[];
  /** Class names, index = label (the validation loader's). */
  readonly classes?: readonly string[];
  /** `confusion[label][predicted]`: top-1 counts, up to `CONFUSION_MAX_CLASSES` classes. */
  readonly confusion?: readonly (readonly number[])[];
}

export interface LrEvent extends EventBase {
  readonly kind: 'lr';
  readonly epoch: number;
  readonly lr: number;
  readonly lrs: readonly number[];
}

export interface CheckpointEvent extends EventBase {
  readonly kind: 'checkpoint';
  readonly epoch: number;
  readonly step: number;
  readonly path: string;
  readonly best: boolean;
}

export interface SkippedEvent extends EventBase {
  readonly kind: 'skipped';
  readonly path: string;
  readonly reason: string;
}

/** Validation under way: `batch` of `batches` evaluated, `images` of them, in `seconds`. */
export interface ValidatingEvent extends EventBase {
  readonly kind: 'validating';
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly images: number;
  readonly seconds: number;
}

/** Something the run decided that the user should know, e.g. that validation is skipped. */
export interface NoticeEvent extends EventBase {
  readonly kind: 'notice';
  readonly message: string;
}

/** A first-layer convolution kernel bank, HWIO, for the paper's kernel picture. */
export interface KernelBank {
  readonly shape: readonly [number, number, number, number];
  readonly values: readonly number[];
}

/** A convolution's responses to one image, HWC `[h, w, channels]`, row-major. */
export interface FeatureMaps {
  /** The image they respond to. */
  readonly path: string;
  readonly shape: readonly [number, number, number];
  readonly values: readonly number[];
}

export interface DoneEvent extends EventBase {
  readonly kind: 'done';
  readonly epochs: number;
  readonly steps: number;
  readonly bestAccuracy: number | null;
  /** Files the run wrote, by role (e.g. `checkpoint`, `log`, `curves`, `kernels`). */
  readonly artifacts: Readonly<Record<string, string>>;
  readonly firstLayerKernels?: KernelBank | undefined;
  /** The first convolution's responses to one fixed validation image (when the run validates). */
  readonly firstLayerFeatureMaps?: FeatureMaps;
  /** Set when `earlyStopping` ended the run: the last epoch run, and why. */
  readonly stoppedEarly?: { readonly epoch: number; readonly reason: string };
}
