import { readFile } from 'node:fs/promises';
import test from 'ava';
import { architectureGraph, DOC, withGraph } from '../../scripts/architecture-graph.js';

const current = architectureGraph();

test("docs/architecture.md's module graph is the one the code makes now (npm run graph)", async (t) => {
  const doc = await readFile(DOC, 'utf8');
  t.is(doc, withGraph(doc, await current));
});

test('the graph draws an arrow for an import the layering allows, and none against it', async (t) => {
  const graph = await current;
  t.regex(graph, /^ {2}train_loop --> train_optim$/m);
  t.notRegex(graph, /^ {2}backend -.?-> (?!util$)/m);
  t.notRegex(graph, /^ {2}train_optim -.?-> train_loop$/m);
});
