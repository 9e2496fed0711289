/** The runs folder given to the dashboard cannot be served. */
export class RunsDirError extends Error {
  override readonly name = 'RunsDirError';
  constructor(
    readonly dir: string,
    detail: string,
  ) {
    super(`runs folder ${dir}: ${detail}`);
  }
}

/** A dashboard option is out of range (port, host, queue capacity). */
export class DashboardOptionError extends Error {
  override readonly name = 'DashboardOptionError';
  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`dashboard option ${option}: expected ${expected}, got ${JSON.stringify(value)}`);
  }
}
