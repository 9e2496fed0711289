/**
 * Times every wasm kernel call and charges it to the model layer (forward) or to the layer whose
 * gradient is being computed (backward). wasm kernels run synchronously, so the wall time around a
 * kernel function is its cost; a kernel that calls other kernels (ours do) is charged only its own
 * time, the inner calls being charged under their own names.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';

export interface KernelTime {
  ms: number;
  calls: number;
}

/** label → kernel name (`Outer>Inner` for a kernel run by another) → time. Labels: `<layer> forward`, `<layer> backward`, or what `within` names. */
export type KernelTimes = Map<string, Map<string, KernelTime>>;

interface TapeNode {
  readonly inputs: Record<string, tf.Tensor>;
  readonly outputs: tf.Tensor[];
  readonly saved?: tf.Tensor[];
  gradient?: (dys: tf.Tensor[]) => Record<string, () => tf.Tensor>;
}

interface EngineWithTape {
  addTapeNode(...args: unknown[]): void;
  state: { activeTape: TapeNode[] | null };
}

export class KernelTimers {
  readonly times: KernelTimes = new Map();
  /** label → ids of the tensors its tape nodes hold (inputs, outputs, saved), to count their bytes. */
  readonly tapeTensors = new Map<string, Map<number, number>>();
  /** layer name → the shape its last forward call returned. */
  readonly outputShapes = new Map<string, number[]>();
  private readonly labels: string[] = [];
  private readonly childMs: number[] = [];
  private readonly running: string[] = [];
  private readonly restore: (() => void)[] = [];

  /** Wraps every kernel registered for wasm and the engine's tape recording. */
  install(): void {
    for (const config of tf.getKernelsForBackend('wasm')) {
      const own = config.kernelFunc;
      const wrapped: KernelConfig = { ...config, kernelFunc: this.timed(config.kernelName, own) };
      tf.unregisterKernel(config.kernelName, 'wasm');
      tf.registerKernel(wrapped);
      this.restore.push(() => {
        tf.unregisterKernel(config.kernelName, 'wasm');
        tf.registerKernel(config);
      });
    }
    const engine = tf.engine() as unknown as EngineWithTape;
    const addTapeNode = engine.addTapeNode;
    engine.addTapeNode = (...args: unknown[]) => {
      addTapeNode.apply(engine, args);
      const node = engine.state.activeTape?.at(-1);
      if (node !== undefined) this.labelTapeNode(node);
    };
    this.restore.push(() => {
      engine.addTapeNode = addTapeNode;
    });
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0).reverse()) undo();
  }

  reset(): void {
    this.times.clear();
    this.tapeTensors.clear();
  }

  /** Runs `body` with its kernels charged to `label`. */
  within<T>(label: string, body: () => T): T {
    this.labels.push(label);
    try {
      return body();
    } finally {
      this.labels.pop();
    }
  }

  /** Charges each layer's `call` to `<layer name> forward`. */
  labelLayers(model: tf.LayersModel): void {
    for (const layer of model.layers) {
      const call = layer.call.bind(layer);
      layer.call = (inputs, kwargs) =>
        this.within(`${layer.name} forward`, () => {
          const output = call(inputs, kwargs);
          if (!Array.isArray(output)) this.outputShapes.set(layer.name, output.shape);
          return output;
        });
    }
  }

  private current(): string {
    return this.labels.at(-1) ?? 'unlabelled';
  }

  private labelTapeNode(node: TapeNode): void {
    const label = this.current();
    if (!label.endsWith(' forward')) return;
    const backward = label.replace(/ forward$/, ' backward');
    const held = this.tapeTensors.get(backward) ?? new Map<number, number>();
    for (const t of [...Object.values(node.inputs), ...node.outputs, ...(node.saved ?? [])]) {
      if (t !== undefined && t !== null) held.set(t.id, t.size * 4);
    }
    this.tapeTensors.set(backward, held);
    const gradient = node.gradient;
    if (gradient === undefined) return;
    node.gradient = (dys) =>
      this.within(backward, () => {
        const lazy = gradient(dys);
        return Object.fromEntries(
          Object.entries(lazy).map(([input, compute]) => [input, () => this.within(backward, compute)]),
        );
      });
  }

  private timed(kernelName: string, own: KernelFunc): KernelFunc {
    return (args: Parameters<KernelFunc>[0]) => {
      this.childMs.push(0);
      const name = [...this.running, kernelName].join('>');
      this.running.push(kernelName);
      const start = performance.now();
      let result: TensorInfo | TensorInfo[];
      try {
        result = own(args);
      } finally {
        const total = performance.now() - start;
        const children = this.childMs.pop()!;
        this.running.pop();
        if (this.childMs.length > 0) this.childMs[this.childMs.length - 1]! += total;
        const perLabel = this.times.get(this.current()) ?? new Map<string, KernelTime>();
        const entry = perLabel.get(name) ?? { ms: 0, calls: 0 };
        entry.ms += total - children;
        entry.calls += 1;
        perLabel.set(name, entry);
        this.times.set(this.current(), perLabel);
      }
      return result;
    };
  }
}
