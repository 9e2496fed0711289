import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { tempFolderUntilExit } from '../temp-folder.js';
import { documentedBlocks, whereIs, type CodeBlock } from './code-blocks.js';
import { commandAtTinyScale } from './tiny-scale.js';
import { tinyProject } from './tiny-project.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const blocks = documentedBlocks(root);
const linesOf = (block: CodeBlock) =>
  block.code
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

/** ts, sh and python blocks run; text blocks show output, a layout or a command's usage; mermaid is the generated module graph (test/architecture/graph.test.ts). */
const LANGUAGES = ['ts', 'sh', 'python', 'text', 'mermaid'];

/** The npm lines of the docs, and the file that runs each (they install or test this repository). */
const RUN_ELSEWHERE: Readonly<Record<string, string>> = {
  'npm install && npm start': '.ci/run', // `npm start` is the demo, which test/cli/demo-run.test.ts runs
  'npm test': '.ci/run',
  'npm install <git URL of this repository>': 'test/package/packaging.test.ts', // the git host's URL is the reader's
  'npm pack && npm install ./rxtrain-0.1.0.tgz': 'test/package/packaging.test.ts',
};
const npmLine = (line: string) => line.replace(/\s+#.*$/, '').trim();

/** What a document's code assumes was run before it; each document starts without runs/. */
const RUN_BEFORE: Readonly<Record<string, readonly string[]>> = {
  'docs/cli.md': ['npx rxtrain demo'], // "On the demo run (`npm start` first)"
  'docs/inference.md': [
    // the README's run and export
    'npx rxtrain train --data data/train --out runs/catdog',
    'npx rxtrain export --checkpoint runs/catdog/checkpoints/best.ckpt --format pth --out runs/catdog/alexnet-catdog.pth',
  ],
};
const started = new Set<string>();
const startDocument = async (doc: string) => {
  if (started.has(doc)) return;
  started.add(doc);
  await rm(join(project, 'runs'), { recursive: true, force: true });
  for (const before of RUN_BEFORE[doc] ?? []) await shell(commandAtTinyScale(before).command);
};

/** The Python block loads a full-width export; at tiny scale, torchvision's AlexNet with every width divided by 32. */
const TINY_TORCHVISION = `import torch.nn as nn
def tiny_alexnet(num_classes):
    model = torchvision.models.alexnet(num_classes=num_classes)
    c1, c2, c3, c4, c5, hidden = (w // 32 for w in (64, 192, 384, 256, 256, 4096))
    for i, conv in [(0, nn.Conv2d(3, c1, 11, 4, 2)), (3, nn.Conv2d(c1, c2, 5, padding=2)), (6, nn.Conv2d(c2, c3, 3, padding=1)),
                    (8, nn.Conv2d(c3, c4, 3, padding=1)), (10, nn.Conv2d(c4, c5, 3, padding=1))]:
        model.features[i] = conv
    model.classifier[1], model.classifier[4], model.classifier[6] = nn.Linear(c5 * 36, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, num_classes)
    return model
`;
const pythonAtTinyScale = (code: string) =>
  code
    .replace('torchvision.models.alexnet(', 'tiny_alexnet(')
    .replace(/^(import torch, torchvision\n)/, `$1${TINY_TORCHVISION}`);
const python = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import torch, torchvision']).status === 0,
);

const project = tempFolderUntilExit('docs-commands');
const ready = tinyProject(project, root);
const env = { ...process.env, PATH: `${join(project, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` };
const shell = async (command: string) => {
  await run('bash', ['-c', command], { cwd: project, env, timeout: 240_000 }).catch(
    (error: { stderr?: string; stdout?: string; code?: unknown }) => {
      throw new Error(`${command}\nexit ${String(error.code)}:\n${error.stderr ?? ''}\n${error.stdout ?? ''}`);
    },
  );
};

/** `rxtrain dashboard` serves until Ctrl-C: started, asked for its run list, then stopped (exit 0; npx itself may die of the signal). */
const serveBriefly = async (command: string) => {
  const child = spawn('bash', ['-c', `exec ${command}`], { cwd: project, env, detached: true });
  let output = '';
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(String(code ?? signal))));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command}\nnever said where it serves:\n${output}`)), 120_000);
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /serving (http:\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    void exited
      .then((code) => reject(new Error(`${command}\nexit ${code}:\n${output}`)))
      .finally(() => clearTimeout(timer));
  });
  const runs = await fetch(`${url}api/runs`);
  process.kill(-child.pid!, 'SIGINT');
  const code = await exited;
  if (!runs.ok || !['0', 'SIGINT'].includes(code))
    throw new Error(`${command}\n/api/runs: ${runs.status}; exit ${code}:\n${output}`);
};

test('every code block says its language: ts, sh or python, which run, or text', (t) => {
  for (const block of blocks) t.true(LANGUAGES.includes(block.lang), `${whereIs(block)}: \`\`\`${block.lang}`);
});

test('each npm line of the docs is one a named file runs', (t) => {
  const npm = blocks
    .filter((block) => block.lang === 'sh')
    .flatMap(linesOf)
    .filter((line) => line.startsWith('npm '));
  t.true(npm.length > 0);
  for (const line of npm) {
    const file = RUN_ELSEWHERE[npmLine(line)];
    t.truthy(file, `not known: ${line}`);
    if (file) t.true(existsSync(join(root, file)), file);
  }
});

for (const block of blocks.filter((b) => b.lang === 'sh' && linesOf(b).some((line) => !line.startsWith('npm ')))) {
  test.serial(`${whereIs(block)} runs at tiny scale, each command in order`, async (t) => {
    await ready;
    await startDocument(block.doc);
    for (const line of linesOf(block).filter((l) => !l.startsWith('npm '))) {
      t.regex(line, /^(npx )?rxtrain /, `${whereIs(block)}: a command the test cannot run: ${line}`);
      const { command } = commandAtTinyScale(line);
      await (/\brxtrain dashboard\b/.test(command) ? serveBriefly(command) : shell(command));
    }
  });
}

for (const block of blocks.filter((b) => b.lang === 'python')) {
  const title = `${whereIs(block)} runs at tiny scale with PyTorch on the README's export`;
  if (python === undefined) {
    test.skip(`${title} (skipped: python3 has no torch and torchvision here)`, () => {});
    continue;
  }
  test.serial(title, async (t) => {
    await ready;
    await startDocument(block.doc);
    await t.notThrowsAsync(run(python, ['-c', pythonAtTinyScale(block.code)], { cwd: project, timeout: 120_000 }));
  });
}
