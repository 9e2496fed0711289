// The import graph between the folders of src/ (and between the rooms of src/train/), as Mermaid,
// from dependency-cruiser's view of the code; written into docs/architecture.md between the markers.
//   npm run graph            writes it
//   npx tsx scripts/architecture-graph.ts --check    exits 1 when the committed graph is not current
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));
export const DOC = join(root, 'docs/architecture.md');
const START = '<!-- graph:start (npm run graph writes this) -->';
const END = '<!-- graph:end -->';

interface Cruised {
  readonly modules: readonly {
    readonly source: string;
    readonly dependencies: readonly { readonly resolved: string; readonly dependencyTypes: readonly string[] }[];
  }[];
}

/** `train/loop` for a file in a room of train/, `data` for any file under src/data/; undefined for src/index.ts and what is not src/. */
function placeOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 3) return undefined;
  return parts[1] === 'train' && parts.length > 3 ? `train/${parts[2]}` : parts[1];
}

const id = (place: string) => place.replace(/[/-]/g, '_');

/** The Mermaid flowchart: an arrow from each folder to each folder it imports, dotted when only types are imported. */
export async function architectureGraph(): Promise<string> {
  const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: root, maxBuffer: 256 * 1024 * 1024 },
  );
  const cruised = JSON.parse(stdout) as Cruised;
  const edges = new Map<string, boolean>(); // "from to" -> some import is not type-only
  const places = new Set<string>();
  for (const module of cruised.modules) {
    const from = placeOf(module.source);
    if (from === undefined) continue;
    places.add(from);
    for (const dependency of module.dependencies) {
      const to = placeOf(dependency.resolved);
      if (to === undefined || to === from) continue;
      const key = `${from} ${to}`;
      edges.set(key, (edges.get(key) ?? false) || !dependency.dependencyTypes.includes('type-only'));
    }
  }
  const rooms = [...places].filter((p) => p.startsWith('train/')).sort();
  const folders = [...places].filter((p) => !p.startsWith('train')).sort();
  const lines = ['flowchart TD'];
  for (const folder of folders) lines.push(`  ${id(folder)}[${folder}]`);
  lines.push('  subgraph train');
  for (const room of rooms) lines.push(`    ${id(room)}[${room.slice('train/'.length)}]`);
  lines.push('  end');
  for (const [key, value] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
    const [from, to] = key.split(' ') as [string, string];
    if (from === 'train') continue; // train/index.ts, the door, re-exports the rooms
    lines.push(`  ${id(from)} ${value ? '-->' : '-.->'} ${id(to)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** docs/architecture.md with `graph` between the markers. */
export function withGraph(doc: string, graph: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC}: expected the markers ${START} … ${END}`);
  return `${doc.slice(0, start + START.length)}\n\`\`\`mermaid\n${graph}\`\`\`\n${doc.slice(end)}`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const doc = await readFile(DOC, 'utf8');
  const next = withGraph(doc, await architectureGraph());
  if (process.argv.includes('--check')) {
    if (next !== doc) {
      console.error('docs/architecture.md: the module graph is not current; run `npm run graph`');
      process.exit(1);
    }
  } else await writeFile(DOC, next);
}
