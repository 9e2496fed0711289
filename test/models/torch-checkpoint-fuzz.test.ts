import test from 'ava';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseTorchCheckpoint, TorchCheckpointError } from '../../src/models/index.js';
import { fixtureModels, fixturePath } from './fixtures.js';

const [fixture] = Object.values(fixtureModels);
const formats = { zip: fixture!.checkpoint, legacy: fixture!.legacy_checkpoint };

/** Parses, or fails with the typed error: anything else (a crash, a RangeError, a hang) breaks the law. */
const parsesOrThrowsTyped = (bytes: Uint8Array): boolean => {
  try {
    parseTorchCheckpoint(bytes);
    return true;
  } catch (error) {
    if (error instanceof TorchCheckpointError) return true;
    throw error;
  }
};

for (const [format, name] of Object.entries(formats)) {
  const original = readFileSync(fixturePath(name));
  // Flips land anywhere, but mostly in the structure (pickle, zip headers and directory), not in the weights.
  const position = fc.oneof(
    fc.integer({ min: 0, max: 3000 }),
    fc.integer({ min: original.length - 3000, max: original.length - 1 }),
    fc.integer({ min: 0, max: original.length - 1 }),
  );

  test(`${format} checkpoint with random byte flips parses or throws TorchCheckpointError`, (t) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(position, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        (flips) => {
          const bytes = Uint8Array.from(original);
          for (const [at, mask] of flips) bytes[at]! ^= mask;
          return parsesOrThrowsTyped(bytes);
        },
      ),
      { numRuns: 400, seed: 5 },
    );
    t.pass();
  });

  test(`${format} checkpoint truncated anywhere throws TorchCheckpointError`, (t) => {
    fc.assert(
      fc.property(position, (length) => {
        t.throws(() => parseTorchCheckpoint(original.subarray(0, length)), { instanceOf: TorchCheckpointError });
      }),
      { numRuns: 200, seed: 6 },
    );
  });
}
