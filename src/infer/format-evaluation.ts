import type { FolderEvaluation } from './evaluate-folder.js';

const percent = (fraction: number | null): string => (fraction === null ? '–' : `${(fraction * 100).toFixed(2)}%`);

/** Skipped files listed by name; the rest are counted. */
const SHOWN_SKIPPED = 5;

/** Largest matrix printed as a table; bigger ones are in `--json` only. */
const PRINTED_CLASSES = 20;

/** An evaluation as console lines: the paper's rates, per-class accuracy, and the confusion matrix. */
export function formatEvaluation(e: FolderEvaluation): string {
  const lines = [
    `data: ${e.data} (${e.layout}), ${e.images} image${e.images === 1 ? '' : 's'}${e.skipped.length > 0 ? ` (${e.skipped.length} skipped: could not be decoded)` : ''}, loss ${e.loss.toFixed(4)}`,
    `top-1: accuracy ${percent(e.top1.accuracy)}, error ${percent(e.top1.error)}`,
  ];
  const shown = e.skipped.slice(0, SHOWN_SKIPPED).map((file) => `  skipped ${file.path}: ${file.reason}`);
  lines.push(
    ...shown,
    ...(e.skipped.length > shown.length
      ? [`  … and ${e.skipped.length - shown.length} more skipped (all in --json)`]
      : []),
  );
  if (e.top5) lines.push(`top-5: accuracy ${percent(e.top5.accuracy)}, error ${percent(e.top5.error)}`);
  const nameWidth = Math.max(...e.perClass.map((c) => c.name.length));
  lines.push(
    'per class:',
    ...e.perClass.map(
      (c) =>
        `  ${c.name.padEnd(nameWidth)}  ${percent(c.accuracy).padStart(7)}  (${c.images} image${c.images === 1 ? '' : 's'})`,
    ),
  );
  const { classes, matrix } = e.confusion;
  if (classes.length > PRINTED_CLASSES) {
    lines.push(`confusion matrix: ${classes.length}×${classes.length}, in --json`);
    return lines.join('\n');
  }
  const cells = matrix.flat().map((n) => String(n).length);
  const width = Math.max(...classes.map((c) => c.length), ...cells);
  lines.push('confusion matrix (rows: true class, columns: predicted):');
  lines.push(`  ${''.padEnd(width)}  ${classes.map((c) => c.padStart(width)).join('  ')}`);
  matrix.forEach((row, label) =>
    lines.push(`  ${classes[label]!.padEnd(width)}  ${row.map((n) => String(n).padStart(width)).join('  ')}`),
  );
  return lines.join('\n');
}
