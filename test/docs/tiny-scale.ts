/**
 * What turns a documented full-size run into one that takes seconds: AlexNet at 1/32 width on
 * 64-pixel crops, batches of 4, one epoch. Each rewrite replaces the text as written in the docs;
 * a rewrite that no block uses any more fails the test, so the list cannot drift from the docs.
 */
export const TINY_REWRITES: readonly (readonly [asWritten: string, atTinyScale: string])[] = [
  ["outDir: 'runs/catdog' }", "outDir: 'runs/catdog', widthDivisor: 32, imageSize: 64, batchSize: 4, validBatchSize: 4, epochs: 1 }"],
  ['alexnet({ numClasses: 2 })', 'alexnet({ numClasses: 2, widthDivisor: 32 })'],
  // ImageNet's weights stand in as a 10-class checkpoint at 1/32 width (see tinyProject).
  ['data/alexnet-owt-4df8aa71.pth', 'data/alexnet_div32_c10.pth'],
  ['alexnet()', 'alexnet({ widthDivisor: 32, numClasses: 10 })'],
  ['resize(256), centerCrop(256), randomCrop(224)', 'resize(72), centerCrop(72), randomCrop(64)'],
  ['resize([256, 256]), tenCrop(224)', 'resize([72, 72]), tenCrop(64)'],
  ['seedTrainPipeline()', 'seedTrainPipeline({ imageSize: 64 })'],
  ['seedValidPipeline()', 'seedValidPipeline({ imageSize: 64 })'],
  ['batchSize: 128', 'batchSize: 4'],
  ['batchSize: 32', 'batchSize: 4'],
  ['epochs: 3 }', 'epochs: 1 }'],
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
