import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';

/** The package folder an input file of the bundle belongs to, or undefined for the project's own files. */
function packageFolder(input: string): string | undefined {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + length).join('/');
}

/**
 * Every package compiled into the bundle with its licence text, for THIRD-PARTY-LICENSES.txt;
 * a package without a licence file is named with its package.json `license` field.
 */
export function bundledLicences(root: string, metafile: Metafile): string {
  const folders = [
    ...new Set(
      Object.keys(metafile.inputs)
        .map(packageFolder)
        .filter((f): f is string => f !== undefined),
    ),
  ].sort();
  return folders
    .map((folder) => {
      const { name, version, license } = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as Record<
        string,
        string
      >;
      const file = readdirSync(join(root, folder)).find((entry) => /^(licen[cs]e|copying)/i.test(entry));
      const text =
        file !== undefined && existsSync(join(root, folder, file))
          ? readFileSync(join(root, folder, file), 'utf8').trim()
          : `License: ${license ?? 'see the package'}`;
      return `${name}@${version}\n${'-'.repeat(`${name}@${version}`.length)}\n${text}\n`;
    })
    .join('\n');
}
