type Listener = (...args: unknown[]) => void;
const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;
const listeners = (event: (typeof EVENTS)[number]): Listener[] =>
  (event === 'uncaughtException' ? process.listeners(event) : process.listeners(event)) as Listener[];

/**
 * Runs `body`, then removes the `uncaughtException` and `unhandledRejection` listeners it added.
 * The wasm backend's emscripten module adds listeners that rethrow from inside its own one-line
 * minified source, so any later error of the application was reported with about 40 KB of that
 * source instead of the line that threw.
 */
export async function withoutProcessListenersAddedBy<T>(body: () => Promise<T>): Promise<T> {
  const before = new Map(EVENTS.map((event) => [event, new Set(listeners(event))]));
  try {
    return await body();
  } finally {
    for (const event of EVENTS) {
      for (const listener of listeners(event))
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
}
