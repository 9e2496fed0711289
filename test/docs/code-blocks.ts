import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface CodeBlock {
  /** The markdown file, relative to the repository. */
  readonly doc: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's language tag, '' when there is none. */
  readonly lang: string;
  readonly code: string;
}

/** Every fenced block of a markdown text, in order. */
export function codeBlocks(markdown: string, doc: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { line: number; lang: string; lines: string[] } | undefined;
  markdown.split('\n').forEach((text, i) => {
    const fence = /^```\s*(\S*)\s*$/.exec(text);
    if (open === undefined) {
      if (fence) open = { line: i + 1, lang: fence[1]!, lines: [] };
    } else if (fence && fence[1] === '') {
      blocks.push({ doc, line: open.line, lang: open.lang, code: open.lines.join('\n') + '\n' });
      open = undefined;
    } else {
      open.lines.push(text);
    }
  });
  if (open !== undefined) throw new Error(`${doc}:${open.line}: a code block is never closed`);
  return blocks;
}

/** The blocks of README.md and docs/*.md. */
export function documentedBlocks(root: string): CodeBlock[] {
  const docs = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `docs/${name}`),
  ];
  return docs.flatMap((doc) => codeBlocks(readFileSync(join(root, doc), 'utf8'), doc));
}

/** A block's file name: the `// name.ts` its first line gives, else one made from where it is. */
export function blockFileName(block: CodeBlock): string {
  const named = /^\/\/\s*([\w-]+\.ts)\b/.exec(block.code);
  return named ? named[1]! : `line-${block.line}.ts`;
}

/** Where a block is, as `file:line`. */
export const whereIs = (block: CodeBlock): string => `${block.doc}:${block.line}`;
