/**
 * What turns a documented full-size run into one that takes seconds: AlexNet at 1/32 width on
 * 64-pixel crops, batches of 4, one epoch. Each rewrite replaces the text as written in the docs;
 * a rewrite that no block uses any more fails the test, so the list cannot drift from the docs.
 */
export const TINY_REWRITES: readonly (readonly [asWritten: string, atTinyScale: string])[] = [
  [
    "outDir: 'runs/catdog' }",
    "outDir: 'runs/catdog', widthDivisor: 32, imageSize: 64, batchSize: 4, validBatchSize: 4, epochs: 1 }",
  ],
  [
    "outDir: 'runs/modern' }",
    "outDir: 'runs/modern', widthDivisor: 32, imageSize: 64, batchSize: 4, validBatchSize: 4, epochs: 1 }",
  ],
  ['{ numIter: 50 }', '{ numIter: 6 }'],
  ['alexnet({ numClasses: 2 })', 'alexnet({ numClasses: 2, widthDivisor: 32 })'],
  // ImageNet's weights stand in as a 10-class checkpoint at 1/32 width (see tinyProject).
  ['data/alexnet-owt-4df8aa71.pth', 'data/alexnet_div32_c10.pth'],
  ['data/alexnet-owt-7be5be79.pth', 'data/alexnet_div32_c10.pth'],
  ['alexnet()', 'alexnet({ widthDivisor: 32, numClasses: 10 })'],
  ['resize(256), centerCrop(256), randomCrop(224)', 'resize(72), centerCrop(72), randomCrop(64)'],
  ['resize([256, 256]), tenCrop(224)', 'resize([72, 72]), tenCrop(64)'],
  ['classificationTrainPipeline()', 'classificationTrainPipeline({ imageSize: 64 })'],
  ['classificationValidPipeline()', 'classificationValidPipeline({ imageSize: 64 })'],
  ['batchSize: 128', 'batchSize: 4'],
  ['batchSize: 32', 'batchSize: 4'],
  ['epochs: 3 }', 'epochs: 1 }'],
  // A documented dashboard listens on a free port, not on 6006, which something else may hold.
  ['--out runs/catdog --dashboard', '--out runs/catdog --dashboard 0'],
  ['serveDashboard(seen, {', 'serveDashboard(seen, { port: 0,'],
];

/** The block's code at tiny scale, and which rewrites it used. */
export function atTinyScale(code: string): { code: string; used: number[] } {
  const used: number[] = [];
  let tiny = code;
  TINY_REWRITES.forEach(([asWritten, atTiny], i) => {
    if (!tiny.includes(asWritten)) return;
    used.push(i);
    tiny = tiny.split(asWritten).join(atTiny);
  });
  return { code: tiny, used };
}

/** Flags that make an `rxtrain` command tiny, by subcommand; a flag the command gives is overridden. */
const TINY_FLAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  train: { '--width-divisor': '32', '--image-size': '64', '--batch-size': '4', '--epochs': '1' },
  demo: { '--per-class': '12', '--epochs': '1' },
  dashboard: { '--port': '0' },
  'lr-find': { '--width-divisor': '32', '--image-size': '64', '--batch-size': '4', '--num-iter': '6' },
};

/** A documented shell line at tiny scale: paths rewritten, the subcommand's tiny flags set. */
export function commandAtTinyScale(line: string): { command: string; used: number[] } {
  const { code, used } = atTinyScale(line.replace(/\s+#.*$/, ''));
  let command = code.trim();
  const subcommand = /\brxtrain\s+([\w-]+)/.exec(command)?.[1] ?? '';
  const flags = {
    ...TINY_FLAGS[subcommand],
    ...(subcommand === 'train' && command.includes('--resume') ? { '--epochs': '2' } : {}),
  };
  for (const [flag, value] of Object.entries(flags)) {
    const given = new RegExp(`${flag}\\s+\\S+`);
    command = given.test(command) ? command.replace(given, `${flag} ${value}`) : `${command} ${flag} ${value}`;
  }
  return { command, used };
}
