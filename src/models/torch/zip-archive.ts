/*
 * A zip reader of our own, kept on purpose for its hostile-input limits: a `.pth` is untrusted
 * input. It refuses entries that share bytes (a zip bomb that inflates one deflate stream many
 * times), a declared size past deflate's 1032:1 ratio and a local header naming another entry than
 * the central directory; it charges every deflated entry to the load's `ByteBudget` before
 * inflating it, caps the inflate at the declared size (node's `maxOutputLength`), and inflates in
 * slices (`cooperative.ts`) that an abort can stop between. A general-purpose unzip (fflate's
 * inflates every entry it is given at once) would need all of this around it. Writing uses fflate.
 */
import { ByteReader } from './byte-reader.js';
import { inflate, runSync, type Work } from './cooperative.js';
import type { ByteBudget } from './load-limits.js';

interface ZipEntry {
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

interface LocatedEntry extends ZipEntry {
  readonly dataStart: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** Deflate's best ratio is 1032:1: an entry claiming more than that cannot be honest. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * The entries of a zip archive (stored or deflated, zip64 aware), read from memory. Every entry's
 * local header must name it as the central directory does, and no two entries may share bytes, so
 * each byte of the file inflates at most once.
 */
export class ZipArchive {
  private readonly entries = new Map<string, LocatedEntry>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly file?: string,
  ) {
    const reader = this.reader(this.findEndOfCentralDirectory());
    reader.position += 10;
    let count = reader.u16();
    reader.u32();
    let directoryOffset = reader.u32();
    if (count === 0xffff || directoryOffset === 0xffffffff)
      ({ count, directoryOffset } = this.zip64End(reader.position - 20 - 20));
    const directory = this.reader(directoryOffset);
    const central = new Map<string, ZipEntry>();
    for (let i = 0; i < count; i++) this.readCentralHeader(directory, central);
    for (const [name, entry] of central) this.entries.set(name, this.locate(name, entry));
    this.checkDisjoint();
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's compression method and sizes, as its directory entry declares them. */
  sizes(name: string): ZipEntry {
    return this.entries.get(name) ?? this.reader(0).fail(`no entry ${name}`);
  }

  /** An entry's bytes, inflated synchronously. */
  read(name: string): Uint8Array {
    return runSync(this.entry(name));
  }

  /** An entry's bytes; a deflated entry's size is charged to `budget` before it is inflated. */
  *entry(name: string, budget?: ByteBudget): Work<Uint8Array> {
    const entry = this.entries.get(name);
    const reader = this.reader(entry?.dataStart ?? 0);
    if (entry === undefined) return reader.fail(`no entry ${name}`);
    const data = reader.bytesOf(entry.compressedSize);
    if (entry.method === 0) return data;
    budget?.charge(entry.size);
    let inflated: Uint8Array;
    try {
      inflated = yield* inflate(data, Math.max(1, entry.size));
    } catch (error) {
      return reader.fail(`entry ${name}: corrupt deflate data (${(error as Error).message})`);
    }
    if (inflated.length !== entry.size)
      reader.fail(`entry ${name}: inflated to ${inflated.length} bytes, expected ${entry.size}`);
    return inflated;
  }

  /** Reads the local header: it must name the entry; the data must lie inside the file. */
  private locate(name: string, entry: ZipEntry): LocatedEntry {
    const reader = this.reader(entry.localHeaderOffset);
    if (reader.u32() !== LOCAL_FILE_HEADER) reader.fail(`entry ${name}: bad local header`);
    reader.position += 22;
    const nameLength = reader.u16();
    const extraLength = reader.u16();
    const localName = new TextDecoder().decode(reader.bytesOf(nameLength));
    if (localName !== name) reader.fail(`entry ${name}: its local header names ${JSON.stringify(localName)}`);
    reader.position += extraLength;
    const dataStart = reader.position;
    reader.bytesOf(entry.compressedSize);
    if (entry.method === 0 && entry.size !== entry.compressedSize) reader.fail(`entry ${name}: stored sizes differ`);
    if (entry.method !== 0 && entry.method !== 8)
      reader.fail(`entry ${name}: unsupported compression method ${entry.method}`);
    if (entry.method === 8 && entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 64) {
      reader.fail(
        `entry ${name}: claims ${entry.size} bytes from ${entry.compressedSize} deflated, more than deflate can encode`,
      );
    }
    return { ...entry, dataStart };
  }

  private checkDisjoint(): void {
    const spans = [...this.entries].map(([name, e]) => ({
      name,
      start: e.localHeaderOffset,
      end: e.dataStart + e.compressedSize,
    }));
    spans.sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i]!.start < spans[i - 1]!.end)
        this.reader(spans[i]!.start).fail(`entries ${spans[i - 1]!.name} and ${spans[i]!.name} overlap`);
    }
  }

  private reader(position: number): ByteReader {
    return new ByteReader(this.bytes, position, 'zip archive', this.file);
  }

  private findEndOfCentralDirectory(): number {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const lowest = Math.max(0, this.bytes.length - 22 - 0xffff);
    for (let at = this.bytes.length - 22; at >= lowest; at--) {
      if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
    }
    return this.reader(this.bytes.length).fail('no end-of-central-directory record (truncated?)');
  }

  private zip64End(locatorAt: number): { count: number; directoryOffset: number } {
    const locator = this.reader(Math.max(0, locatorAt));
    if (locator.u32() !== ZIP64_END_LOCATOR) locator.fail('zip64 locator missing');
    locator.u32();
    const end = this.reader(locator.u64());
    if (end.u32() !== ZIP64_END) end.fail('zip64 end record missing');
    end.position += 20;
    const count = end.u64();
    end.u64();
    end.u64();
    return { count, directoryOffset: end.u64() };
  }

  private readCentralHeader(reader: ByteReader, central: Map<string, ZipEntry>): void {
    if (reader.u32() !== CENTRAL_FILE_HEADER) reader.fail('bad central directory header');
    reader.position += 6;
    const method = reader.u16();
    reader.position += 8;
    let compressedSize = reader.u32();
    let size = reader.u32();
    const nameLength = reader.u16();
    const extraLength = reader.u16();
    const commentLength = reader.u16();
    reader.position += 8;
    let localHeaderOffset = reader.u32();
    const name = new TextDecoder().decode(reader.bytesOf(nameLength));
    const extra = new ByteReader(reader.bytesOf(extraLength), 0, 'zip archive', this.file);
    reader.position += commentLength;
    while (extra.remaining >= 4) {
      const id = extra.u16();
      const field = new ByteReader(extra.bytesOf(extra.u16()), 0, 'zip archive', this.file);
      if (id !== 0x0001) continue;
      if (size === 0xffffffff) size = field.u64();
      if (compressedSize === 0xffffffff) compressedSize = field.u64();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = field.u64();
    }
    if (central.has(name)) reader.fail(`two central directory entries name ${name}`);
    central.set(name, { method, compressedSize, size, localHeaderOffset });
  }
}
