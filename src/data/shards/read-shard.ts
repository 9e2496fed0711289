import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import { hashKeys } from '../random.js';
import { isImageFile } from '../sources/image-files.js';
import type { ShardItem, ShardSkipped } from './shard-sample.js';

export interface ReadShardOptions {
  /** A member larger than this is skipped unread (default 64 MiB), so one member never takes more memory than that. */
  readonly maxMemberBytes?: number;
}

interface Pending {
  readonly key: string;
  readonly members: Map<string, { readonly name: string; readonly bytes: Buffer }>;
}

const DEFAULT_MAX_MEMBER_BYTES = 64 * 2 ** 20;

/**
 * The samples of one WebDataset shard, streamed: members are read one at a time as the consumer
 * pulls, and consecutive members with the same key (`<key>.<ext>`: the name up to the first dot of
 * its base name) form a sample of its image member and its `.cls` label. A sample without an image
 * or a readable label, a member too large, and a shard whose tar structure breaks (the rest of it) are
 * `skipped` items naming the shard and the member. Only a failure to fetch the bytes (what `bytes` throws) throws.
 */
export async function* readShard(
  shard: string,
  bytes: AsyncIterable<Buffer>,
  options: ReadShardOptions = {},
): AsyncGenerator<ShardItem> {
  const maxMemberBytes = options.maxMemberBytes ?? DEFAULT_MAX_MEMBER_BYTES;
  const tar = extract();
  const source = Readable.from(bytes, { objectMode: false });
  let fetchError: Error | undefined;
  source.once('error', (error) => void (fetchError = error));
  const piped = pipeline(source, tar).catch(() => {});
  let pending: Pending | undefined;
  let lastMember = '(the first header)';
  const skip = (member: string, reason: string): ShardItem => ({
    skipped: { path: `${shard}#${member}`, reason, shard, member } satisfies ShardSkipped,
  });
  try {
    for await (const entry of tar) {
      const name = entry.header.name;
      lastMember = name;
      if (entry.header.type !== 'file') {
        entry.resume();
        continue;
      }
      const key = keyOf(name);
      if (pending && pending.key !== key) {
        yield sampleOf(shard, pending, skip);
        pending = undefined;
      }
      pending ??= { key, members: new Map() };
      const size = entry.header.size ?? 0;
      if (size > maxMemberBytes) {
        entry.resume();
        yield skip(name, `${size} bytes, more than the ${maxMemberBytes} a member may have (option maxMemberBytes)`);
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      pending.members.set(extensionOf(name), { name, bytes: joined(chunks) });
    }
    if (pending) yield sampleOf(shard, pending, skip);
  } catch (error) {
    if (fetchError !== undefined) throw fetchError;
    yield skip(
      pending ? ([...pending.members.values()].at(-1)?.name ?? lastMember) : lastMember,
      `the shard is corrupt from here on (${(error as Error).message}); the rest of it is skipped`,
    );
  } finally {
    source.destroy();
    tar.destroy();
    await piped;
  }
}

function sampleOf(shard: string, pending: Pending, skip: (member: string, reason: string) => ShardItem): ShardItem {
  const image = [...pending.members.entries()].find(([extension]) => isImageFile(`x.${extension}`))?.[1];
  if (!image)
    return skip(`${pending.key}.*`, `no image member (${[...pending.members.values()].map((m) => m.name).join(', ')})`);
  const cls = pending.members.get('cls');
  if (!cls) return skip(image.name, `no ${pending.key}.cls member with its class`);
  const text = cls.bytes.toString('utf8').trim();
  if (!/^\d+$/.test(text)) return skip(cls.name, `expected a class number, got ${JSON.stringify(text.slice(0, 40))}`);
  const index =
    /^\d+$/.test(pending.key) && pending.key.length <= 15
      ? Number(pending.key)
      : hashKeys(...[...`${shard}#${pending.key}`].map((c) => c.codePointAt(0)!));
  return {
    sample: { path: `${shard}#${image.name}`, label: Number(text), index, bytes: image.bytes, shard, key: pending.key },
  };
}

/** The chunks in a buffer of their own (`Buffer.concat` may give a slice of Node's shared pool), so a loader worker can be handed it without a copy. */
function joined(chunks: readonly Buffer[]): Buffer {
  const bytes = Buffer.from(new ArrayBuffer(chunks.reduce((sum, chunk) => sum + chunk.length, 0)));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** WebDataset's key: the member's path up to the first dot of its base name. */
function keyOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot < 0 ? name : name.slice(0, dot);
}

function extensionOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}
