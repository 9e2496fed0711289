import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import sharp from 'sharp';
import { deflatedZeros, stateDictPickle, zipArchive } from '../models/hostile-payloads.js';
import { tempFolder } from '../temp-folder.js';

const bin = fileURLToPath(new URL('../../bin/rxtrain.cjs', import.meta.url));
/**
 * Prints the process's peak resident size (kB) and the CPU time it used (µs) on standard error as
 * it exits. CPU time, not wall time, is the answer's time: on a loaded machine a process waits for a
 * core, and even `rxtrain --version` can take seconds.
 */
const reportPeak = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeSync(2, `\\nused ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\\n`); });")}`;

const LIMIT_MS = 5_000;
const LIMIT_RSS_KB = 600 * 1024;

interface Measured {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time, for the log. */
  readonly wallMs: number;
  /** CPU time (user + system). */
  readonly ms: number;
  readonly peakKb: number;
}

/** Runs the CLI in its own process; killed after 5 minutes of wall time (`code` null), a safety net on a loaded machine. */
function measure(args: readonly string[]): Promise<Measured> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', reportPeak, bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const limit = setTimeout(() => child.kill('SIGKILL'), 300_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(limit);
      const [, peakKb = Infinity, cpuUs = Infinity] = /\nused (\d+) (\d+)\n/.exec(stderr)?.map(Number) ?? [];
      resolve({
        code,
        stdout,
        stderr: stderr.replace(/\nused \d+ \d+\n/, ''),
        wallMs: performance.now() - started,
        ms: cpuUs / 1000,
        peakKb,
      });
    }),
  );
}

type Entry = { name: string; shape: number[]; zeros?: { chunk: number; count: number } };

/** torchvision's AlexNet at width ÷ 16 with `classes` outputs: small random tensors stored, `zeros` ones deflated. */
function alexnetEntries(classes: number, zeroHead: boolean): Entry[] {
  const [c1, c2, c3, c4, c5, hidden] = [4, 12, 24, 16, 16, 256];
  const layers: Array<[string, number[]]> = [
    ['features.0', [c1, 3, 11, 11]],
    ['features.3', [c2, c1, 5, 5]],
    ['features.6', [c3, c2, 3, 3]],
    ['features.8', [c4, c3, 3, 3]],
    ['features.10', [c5, c4, 3, 3]],
    ['classifier.1', [hidden, c5 * 36]],
    ['classifier.4', [hidden, hidden]],
    ['classifier.6', [classes, hidden]],
  ];
  return layers.flatMap(([module, shape]): Entry[] => {
    const head = zeroHead && module === 'classifier.6';
    return [
      {
        name: `${module}.weight`,
        shape,
        ...(head ? { zeros: { chunk: 1_024_000, count: (classes * hidden * 4) / 1_024_000 } } : {}),
      },
      {
        name: `${module}.bias`,
        shape: [shape[0]!],
        ...(head ? { zeros: { chunk: 1_000_000, count: (classes * 4) / 1_000_000 } } : {}),
      },
    ];
  });
}

/** The `torch.save` zip of `entries`: a pickle of contiguous float tensors, one storage each. */
function torchZip(entries: readonly Entry[]): Uint8Array {
  const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  const contiguous = (shape: readonly number[]) => shape.map((_, i) => count(shape.slice(i + 1)));
  const pickle = stateDictPickle(
    entries.map(
      (e, i) => [e.name, 'FloatStorage', String(i), count(e.shape), 0, e.shape, contiguous(e.shape)] as const,
    ),
  );
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.1;
  return zipArchive([
    { name: 'archive/data.pkl', data: pickle },
    ...entries.map((e, i) =>
      e.zeros
        ? {
            name: `archive/data/${i}`,
            data: new Uint8Array(0),
            precompressed: deflatedZeros(e.zeros.chunk, e.zeros.count),
          }
        : {
            name: `archive/data/${i}`,
            data: new Uint8Array(Float32Array.from({ length: count(e.shape) }, random).buffer),
          },
    ),
  ]);
}

async function setUp(t: Parameters<typeof tempFolder>[0]) {
  const dir = await tempFolder(t, 'oversized');
  const image = join(dir, 'cat.png');
  await sharp({ create: { width: 80, height: 80, channels: 3, background: '#3050a0' } })
    .png()
    .toFile(image);
  const write = async (name: string, bytes: Uint8Array) => (await writeFile(join(dir, name), bytes), join(dir, name));
  return {
    image,
    honest: await write('honest.pth', torchZip(alexnetEntries(2, false))),
    wideHead: await write('wide-head.pth', torchZip(alexnetEntries(2_000_000, true))),
    extraTensor: await write(
      'extra-tensor.pth',
      torchZip([
        ...alexnetEntries(2, false),
        { name: 'extra.weight', shape: [512_000_000], zeros: { chunk: 1_024_000, count: 2000 } },
      ]),
    ),
  };
}

test('the fixtures are what they claim: a 2-class width ÷ 16 AlexNet predicts; the bombs are under 3 MB and claim 2 GB', async (t) => {
  const files = await setUp(t);
  const { statSync } = await import('node:fs');
  for (const bomb of [files.wideHead, files.extraTensor])
    t.true(statSync(bomb).size < 3_000_000, `${bomb}: ${statSync(bomb).size} bytes`);
  const honest = await measure([
    'predict',
    files.image,
    '--weights',
    files.honest,
    '--backend',
    'cpu',
    '--image-size',
    '64',
  ]);
  t.is(honest.code, 0, honest.stderr);
  t.regex(honest.stdout, /^ +\d+\.\d\d%  [01]$/m);
});

test(`predict --weights a 2.9 MB .pth whose classifier.6 is [2000000, 256] deflated zeros is refused within ${LIMIT_MS} ms of CPU, under 600 MB, naming the file`, async (t) => {
  const { image, wideHead } = await setUp(t);
  const result = await measure(['predict', image, '--weights', wideHead, '--backend', 'cpu']);
  t.is(result.code, 1, result.stderr);
  t.regex(result.stderr, new RegExp(`^rxtrain: ${wideHead}: .*deflated storages claim \\d+ bytes`, 'm'));
  t.true(result.ms < LIMIT_MS, `${Math.round(result.ms)} ms CPU`);
  t.true(result.peakKb <= LIMIT_RSS_KB, `peak ${Math.round(result.peakKb / 1024)} MB`);
  t.log(
    `wide head: ${Math.round(result.ms)} ms CPU (${Math.round(result.wallMs)} ms wall), peak ${Math.round(result.peakKb / 1024)} MB`,
  );
});

test('a .pth with an extra 2 GB tensor is refused as not AlexNet by predict, and as oversized by visualize, each within 5 s of CPU and under 600 MB', async (t) => {
  const { image, extraTensor } = await setUp(t);
  const predicted = await measure(['predict', image, '--weights', extraTensor, '--backend', 'cpu']);
  t.is(predicted.code, 1, predicted.stderr);
  t.regex(
    predicted.stderr,
    new RegExp(
      `^rxtrain: ${extraTensor}: not the state dict of a model rxtrain builds .*the closest is alexnet .*\`extra.weight\``,
      'm',
    ),
  );
  const visualized = await measure(['visualize', '--weights', extraTensor, '--out', join(image, '..', 'pictures')]);
  t.is(visualized.code, 1, visualized.stderr);
  t.regex(visualized.stderr, /deflated storages claim/);
  for (const [what, result] of [
    ['predict', predicted],
    ['visualize', visualized],
  ] as const) {
    t.true(result.ms < LIMIT_MS, `${what}: ${Math.round(result.ms)} ms CPU`);
    t.true(result.peakKb <= LIMIT_RSS_KB, `${what}: peak ${Math.round(result.peakKb / 1024)} MB`);
    t.log(
      `${what}: ${Math.round(result.ms)} ms CPU (${Math.round(result.wallMs)} ms wall), peak ${Math.round(result.peakKb / 1024)} MB`,
    );
  }
});
