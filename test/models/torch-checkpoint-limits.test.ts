import test from 'ava';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  aliasedDeflateStream,
  legacyView,
  longIntegers,
  manyDeflateStreams,
  manyDimensions,
  memoisedListCalls,
  strideZeroViews,
  zipView,
} from './hostile-payloads.js';

const child = fileURLToPath(new URL('./hostile-load.child.ts', import.meta.url));
const MAX_MS = 3000;
const MAX_PEAK_GROWTH_MB = 256;
const SLACK_BYTES = 4 * 2 ** 20;

interface Outcome {
  readonly name: string;
  readonly ms: number;
  readonly outcome: 'loaded' | 'typed' | 'other';
  readonly error?: string;
  readonly materialisedBytes?: number;
  readonly values?: number[];
}

interface Payload {
  readonly bytes: Uint8Array;
  /** What the file's storages honestly hold, as float32 bytes: a load may materialise this plus the slack. */
  readonly honestBytes: number;
}

/** Writes the payloads, parses them in a child process, and checks the laws every hostile file must keep. */
function loadInChild(
  t: import('ava').ExecutionContext,
  payloads: readonly Payload[],
  laws: { typedOnly?: boolean; onlyValue?: number; maxBytes?: number } = {},
): Outcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'rxtrain-hostile-'));
  try {
    payloads.forEach(({ bytes }, i) => writeFileSync(join(dir, `${String(i).padStart(3, '0')}.pth`), bytes));
    const args = ['--import', 'tsx', child, dir, ...(laws.maxBytes === undefined ? [] : [String(laws.maxBytes)])];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 24 });
    const lines = run.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Outcome & { peakGrowthMb?: number });
    const outcomes = lines.filter((line) => line.peakGrowthMb === undefined);
    const peak = lines.find((line) => line.peakGrowthMb !== undefined)?.peakGrowthMb;
    t.log(
      `peak growth ${peak} MB; ${outcomes.map((o) => `${o.ms} ms ${o.outcome}${o.error ? ` (${o.error.replace(/^.*?\.pth: /, '').slice(0, 90)})` : ''}`).join('; ')}`,
    );
    t.is(
      outcomes.length,
      payloads.length,
      `the child ended early (status ${run.status}, signal ${run.signal}): ${run.stderr.slice(-400)}`,
    );
    t.true(peak !== undefined && peak < MAX_PEAK_GROWTH_MB, `peak memory growth ${peak} MB`);
    outcomes.forEach((outcome, i) => {
      const label = `payload ${i}: ${JSON.stringify(outcome)}`;
      t.true(outcome.outcome === 'typed' || (!laws.typedOnly && outcome.outcome === 'loaded'), label);
      t.true(outcome.ms < MAX_MS, label);
      if (outcome.outcome === 'loaded') {
        t.true(outcome.materialisedBytes! <= payloads[i]!.honestBytes + SLACK_BYTES, label);
        if (laws.onlyValue !== undefined)
          t.deepEqual(
            outcome.values!.filter((v) => v !== laws.onlyValue),
            [],
            label,
          );
      }
    });
    return outcomes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `total` bits of elements spread over `dims` dimensions. */
const sizeOf = (bits: number, dims: number): number[] =>
  Array.from({ length: dims }, (_, i) => 2 ** (Math.floor(bits / dims) + (i < bits % dims ? 1 : 0)));

test.serial('memory: stride-0 views of a 4-byte storage load within the honest budget or fail typed', (t) => {
  const cases = fc.sample(
    fc.record({
      format: fc.constantFrom('zip' as const, 'legacy' as const),
      count: fc.integer({ min: 1, max: 8 }),
      bits: fc.integer({ min: 10, max: 28 }),
      dims: fc.integer({ min: 1, max: 4 }),
    }),
    { numRuns: 8, seed: 14 },
  );
  cases.push({ format: 'legacy', count: 8, bits: 28, dims: 2 });
  const outcomes = loadInChild(
    t,
    cases.map(({ format, count, bits, dims }) => ({
      bytes: strideZeroViews(format, count, sizeOf(bits, dims)),
      honestBytes: 4,
    })),
  );
  t.regex(outcomes.at(-1)!.error ?? '', /materialise/);
});

test.serial('memory: zip directory entries sharing one deflated stream are refused before inflating', (t) => {
  const cases = fc.sample(
    fc.record({ count: fc.integer({ min: 2, max: 6 }), bits: fc.integer({ min: 22, max: 26 }) }),
    { numRuns: 4, seed: 14 },
  );
  const outcomes = loadInChild(
    t,
    cases.map(({ count, bits }) => ({ bytes: aliasedDeflateStream(count, 2 ** bits), honestBytes: 2 ** bits })),
    { typedOnly: true },
  );
  for (const outcome of outcomes) t.regex(outcome.error!, /local header names/);
});

test.serial('memory: inflating more than maxBytes in total is refused, naming the cap', (t) => {
  const cases = fc.sample(
    fc.record({ count: fc.integer({ min: 3, max: 6 }), bits: fc.integer({ min: 23, max: 24 }) }),
    { numRuns: 3, seed: 14 },
  );
  const payloads = cases.map(({ count, bits }) => ({
    bytes: manyDeflateStreams(count, 2 ** bits),
    honestBytes: count * 2 ** bits,
  }));
  const outcomes = loadInChild(t, payloads, { typedOnly: true, maxBytes: 2 ** 24 });
  for (const outcome of outcomes) t.regex(outcome.error!, /more than the 16777216-byte cap/);
});

test.serial('CPU: LONG4 integers of up to 1 MB decode in linear time', (t) => {
  const cases = fc.sample(
    fc.record({ count: fc.integer({ min: 1, max: 3 }), bits: fc.integer({ min: 18, max: 20 }) }),
    { numRuns: 3, seed: 14 },
  );
  cases.push({ count: 2, bits: 20 });
  loadInChild(
    t,
    cases.map(({ count, bits }) => ({ bytes: longIntegers(count, 2 ** bits), honestBytes: 0 })),
    { typedOnly: true },
  );
});

test.serial(
  'CPU: memoised lists walked again and again, and tensors of many dimensions, stay within a linear work budget',
  (t) => {
    const lists = fc.sample(
      fc.record({
        pairs: fc.integer({ min: 2 ** 14, max: 2 ** 16 }),
        calls: fc.integer({ min: 2 ** 12, max: 2 ** 14 }),
      }),
      { numRuns: 3, seed: 14 },
    );
    const dims = fc.sample(fc.integer({ min: 2 ** 14, max: 2 ** 17 }), { numRuns: 3, seed: 14 });
    loadInChild(t, [
      ...lists.map(({ pairs, calls }) => ({ bytes: memoisedListCalls(pairs, calls), honestBytes: 0 })),
      ...dims.map((count) => ({ bytes: manyDimensions(count), honestBytes: 4 })),
    ]);
  },
);

const view = fc.record({
  size: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 3 }),
  stride: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }),
  offset: fc.integer({ min: 0, max: 40 }),
});

test.serial(
  'bounds: every offset, size and stride of legacy views and zip tensors is checked; no byte outside a storage is read',
  (t) => {
    const legacy = fc.sample(
      fc.record({
        root: fc.integer({ min: 1, max: 32 }),
        viewOffset: fc.integer({ min: -64, max: 40 }),
        viewSize: fc.integer({ min: -4, max: 40 }),
        view,
      }),
      { numRuns: 40, seed: 14 },
    );
    const zip = fc.sample(fc.record({ numel: fc.integer({ min: 1, max: 32 }), view }), { numRuns: 20, seed: 14 });
    legacy.push({ root: 4, viewOffset: -40, viewSize: 4, view: { size: [4], stride: [1, 0, 0], offset: 0 } });
    const outcomes = loadInChild(
      t,
      [
        ...legacy.map(({ root, viewOffset, viewSize, view: v }) => ({
          bytes: legacyView(root, viewOffset, viewSize, v.offset, v.size, v.stride.slice(0, v.size.length)),
          honestBytes: root * 4,
        })),
        ...zip.map(({ numel, view: v }) => ({
          bytes: zipView(numel, v.offset, v.size, v.stride.slice(0, v.size.length)),
          honestBytes: numel * 4,
        })),
      ],
      { onlyValue: 7 },
    );
    t.regex(
      outcomes[legacy.length - 1]!.error ?? '',
      /malformed view of storage root: offset -40, size 4 of 4 elements/,
    );
  },
);
