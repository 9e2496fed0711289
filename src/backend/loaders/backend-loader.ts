import type { BackendName } from '../backend-names.js';

export type LoadOutcome =
  | {
      readonly available: true;
      /** The name TensorFlow.js registered the backend under. */
      readonly tfName: string;
      /** Describes the backend once it is active (some facts are known only after initialisation). */
      readonly describe: () => string;
      /** Why `auto` passes over this backend although it runs (it still runs when asked for by name). */
      readonly refusedByAuto?: string;
    }
  | { readonly available: false; readonly reason: string };

/** Makes one backend ready to be selected with `tf.setBackend(tfName)` (it may already be active), or says why it cannot. */
export interface BackendLoader {
  readonly name: BackendName;
  load(): Promise<LoadOutcome>;
  /** Asked by `auto` before `load`, where loading has costs of its own: why `auto` would not use it, if that is known without loading it. */
  autoRefusal?(): Promise<string | undefined>;
}

export const unavailable = (reason: string): LoadOutcome => ({ available: false, reason });
