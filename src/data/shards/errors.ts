/** A shard set cannot be used: names the shard, index or option, and what was expected. */
export class ShardError extends Error {
  override readonly name: string = 'ShardError';
  constructor(
    readonly where: string,
    readonly expected: string,
  ) {
    super(`${where}: ${expected}`);
  }
}

/** A shard's bytes could not be fetched, after the retries: names the shard and how far it had been read. */
export class ShardReadError extends Error {
  override readonly name = 'ShardReadError';
  constructor(
    readonly shard: string,
    readonly offset: number,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(
      `${shard}: cannot read past byte ${offset} after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${(cause as Error)?.message ?? String(cause)}`,
    );
  }
}
