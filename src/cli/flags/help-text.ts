import type { OptionSpecs } from './option-spec.js';
import { expectation } from './parse-flags.js';

export interface HelpSource {
  readonly usage: string;
  readonly summary: string;
  readonly description?: string;
  readonly options: OptionSpecs;
  readonly examples?: readonly string[];
}

/** A command's `--help`: usage, what it does, each option with its value and default, examples. */
export function helpText(source: HelpSource): string {
  const rows = Object.entries(source.options).map(([name, spec]) => {
    const placeholder = spec.type === 'boolean' ? '' : spec.placeholder;
    const value = spec.type === 'boolean' ? '' : ` ${placeholder ?? (spec.type === 'integer' ? 'N' : spec.type === 'choice' ? 'NAME' : 'X')}`;
    const numeric = spec.type === 'number' || spec.type === 'integer';
    const extra = [
      spec.type === 'string' && spec.required ? 'required' : undefined,
      numeric || spec.type === 'choice' ? expectation(spec) : undefined,
      'default' in spec && spec.default !== undefined ? `default ${spec.default}` : undefined,
    ].filter(Boolean);
    return [`  --${name}${value}`, `${spec.description}${extra.length ? ` (${extra.join('; ')})` : ''}`] as const;
  });
  const width = Math.max('  --help'.length, ...rows.map(([flag]) => flag.length)) + 2;
  const lines = [`usage: ${source.usage}`, '', source.description ?? source.summary];
  if (rows.length > 0) lines.push('', 'options:', ...rows.map(([flag, text]) => `${flag.padEnd(width)}${text}`));
  lines.push(`  ${'--help'.padEnd(width - 2)}show this help`);
  if (source.examples?.length) lines.push('', 'examples:', ...source.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}
