import test from 'ava';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Subject } from 'rxjs';
import { serveDashboard, serveRunsDashboard } from '../../src/dashboard/index.js';
import { kernelGrid } from '../../src/report/kernel-grid.js';
import { readJsonl } from '../../src/report/read-jsonl.js';
import type { StepEvent, TrainEvent, ValidationEvent } from '../../src/train/loop/events.js';
import { stepEvent } from '../report/events.js';
import { tempFolder } from '../temp-folder.js';
import { browserTest } from './browser-test.js';
import { chromiumMissing, openBrowser } from './chromium.js';
import { writeRuns } from './runs-folder.js';
import { jsonl, syntheticRun } from './synthetic-run.js';

type Browser = Awaited<ReturnType<typeof openBrowser>>;
let browser: Browser | undefined;
test.before(async () => {
  if (chromiumMissing === undefined) browser = await openBrowser();
});
test.after.always(() => browser?.close());

type Drawn = Record<string, Record<string, [number, number][]>>;
/** What page-side code uses of the page's globals (this project's TypeScript has no DOM types; the CSP forbids evaluating strings). */
interface PageGlobals {
  rxtrainDashboard?: { drawnPoints(): Drawn };
  __xss?: number;
  document: { getElementById(id: string): { textContent: string | null; naturalWidth?: number } | null };
}
const drawn = (page: Page): Promise<Drawn> =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).rxtrainDashboard!.drawnPoints());
const statusIncludes = (page: Page, text: string) =>
  page.waitForFunction(
    (want) => (globalThis as unknown as PageGlobals).document.getElementById('status')?.textContent?.includes(want),
    text,
  );
const texts = (page: Page, selector: string): Promise<string[][]> =>
  page.$$eval(selector, (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

async function waitForPoints(
  page: Page,
  chart: string,
  series: string,
  count: number,
  timeout = 10_000,
): Promise<void> {
  await page.waitForFunction(
    ([c, s, n]) => (globalThis as unknown as PageGlobals).rxtrainDashboard?.drawnPoints()[c]?.[s]?.length === n,
    [chart, series, count] as const,
    { timeout, polling: 20 },
  );
}

browserTest(
  "a finished run's page loads with no console error and shows exactly what its events.jsonl holds",
  async (t) => {
    const root = await tempFolder(t, 'dashboard-page');
    await writeRuns(root, { catdog: syntheticRun({ epochs: 3, iterations: 6 }) });
    const handle = await serveRunsDashboard(root, { port: 0 });
    t.teardown(() => handle.close());
    const page = await browser!.newPage();
    t.teardown(() => page.close());
    const events = await readJsonl(join(root, 'catdog', 'events.jsonl'));
    const steps = events.filter((e): e is StepEvent => e.kind === 'step');
    const validations = events.filter((e): e is ValidationEvent => e.kind === 'validation');
    const errorsBefore = browser!.errors.length;
    await page.goto(`${handle.url}?run=catdog`);
    await waitForPoints(page, 'loss', 'train', steps.length);
    await page.waitForSelector('#kernels:not([hidden])');
    await page.waitForFunction(
      () => ((globalThis as unknown as PageGlobals).document.getElementById('kernels')?.naturalWidth ?? 0) > 0,
    );
    const points = await drawn(page);
    t.deepEqual(
      points.loss!.train,
      steps.map((s) => [s.step, s.loss]),
    );
    t.deepEqual(
      points.loss!.validation,
      validations.map((v) => [v.step, v.loss]),
    );
    t.deepEqual(
      points.accuracy!.train,
      steps.map((s) => [s.step, s.accuracy]),
    );
    t.deepEqual(
      points.accuracy!.validation,
      validations.map((v) => [v.step, v.accuracy]),
    );
    t.deepEqual(
      points.lr!.lr,
      steps.map((s) => [s.step, s.lr]),
    );
    t.deepEqual(
      points.speed!['images/s']!,
      steps.map((s) => [s.step, s.imagesPerSecond]),
    );
    const last = validations.at(-1)!;
    t.deepEqual(
      (await texts(page, '#per-class tr')).slice(1),
      last.classes!.map((name, i) => [name, percent(last.perClass[i]!)]),
    );
    t.deepEqual(
      (await texts(page, '#confusion tr')).slice(1),
      last.confusion!.map((row, i) => [last.classes![i], ...row.map(String)]),
    );
    t.deepEqual(
      await page.$$eval('#notices li', (items) => items.map((li) => li.textContent)),
      events.flatMap((e) => (e.kind === 'notice' ? [e.message] : [])),
    );
    t.deepEqual(
      await page.$$eval('#skipped li', (items) => items.map((li) => li.textContent)),
      events.flatMap((e) => (e.kind === 'skipped' ? [`${e.path}: ${e.reason}`] : [])),
    );
    const done = events.at(-1);
    const width = await page.$eval('#kernels', (img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    t.is(width, done?.kind === 'done' && done.firstLayerKernels ? kernelGrid(done.firstLayerKernels).image.width : -1);
    t.regex((await page.textContent('#progress-facts')) ?? '', /finished3 epochs, 18 steps/);
    t.deepEqual(browser!.errors.slice(errorsBefore), []);
  },
);

browserTest('a live run: after N steps the page shows N points, and a new event within 1 s', async (t) => {
  const events$ = new Subject<TrainEvent>();
  const handle = await serveDashboard(events$, { port: 0, config: { epochs: 2 }, backend: 'cpu' });
  t.teardown(() => handle.close());
  const page = await browser!.newPage();
  t.teardown(() => page.close());
  const errorsBefore = browser!.errors.length;
  await page.goto(handle.url);
  await statusIncludes(page, 'following');
  const n = 25;
  for (let step = 1; step <= n; step++)
    events$.next(stepEvent({ step, iteration: step, iterations: 50, elapsed: step, loss: 1 / step }));
  await waitForPoints(page, 'loss', 'train', n);
  const sent = Date.now();
  events$.next(stepEvent({ step: n + 1, iteration: n + 1, iterations: 50, elapsed: n + 1 }));
  await waitForPoints(page, 'loss', 'train', n + 1, 1000);
  t.log(`a new step was drawn ${Date.now() - sent} ms after it was emitted`);
  t.is(await page.textContent('#backend'), 'backend: cpu');
  t.regex(
    (await page.textContent('#progress-facts')) ?? '',
    /epoch1 \/ 2.*iteration26 \/ 50.*ETA epoch24 s.*ETA run1 min 14 s/,
  );
  t.deepEqual(browser!.errors.slice(errorsBefore), []);
});

browserTest(
  'strings from the data are shown as text, never run as HTML (a class named <img src=x onerror=…>)',
  async (t) => {
    const root = await tempFolder(t, 'dashboard-xss');
    const evil = '<img src=x onerror="window.__xss=1">';
    const run = syntheticRun({ classes: ['cat', evil] }).map((e): TrainEvent =>
      e.kind === 'notice' ? { ...e, message: `<script>window.__xss=2</script>${e.message}` } : e,
    );
    const id = '<img src=x onerror=window.__xss=3>';
    await writeRuns(root, { [id]: run });
    const handle = await serveRunsDashboard(root, { port: 0 });
    t.teardown(() => handle.close());
    const page = await browser!.newPage();
    t.teardown(() => page.close());
    await page.goto(handle.url);
    await page.waitForSelector('#per-class tr:nth-child(3)');
    await page.waitForTimeout(300);
    t.is(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss), undefined);
    t.is(await page.locator('img[src="x"]').count(), 0);
    t.is(await page.locator('#per-class tr:nth-child(3) th').textContent(), evil);
    t.is(await page.locator('#run-title').textContent(), id);
    t.is(await page.locator('#run-list label').first().textContent(), ` ${id}`);
    t.true((await page.locator('#notices li').first().textContent())!.startsWith('<script>'));
  },
);

browserTest(
  'the page survives a server restart: it reconnects and resumes, with nothing lost or drawn twice',
  async (t) => {
    const root = await tempFolder(t, 'dashboard-restart');
    const first = [1, 2, 3, 4, 5].map((step) => stepEvent({ step }));
    await writeRuns(root, { run: first });
    let handle = await serveRunsDashboard(root, { port: 0 });
    const port = handle.port;
    t.teardown(() => handle.close());
    const page = await browser!.newPage();
    t.teardown(() => page.close());
    await page.goto(`${handle.url}?run=run`);
    await waitForPoints(page, 'loss', 'train', 5);
    await handle.close();
    await statusIncludes(page, 'reconnecting');
    await appendFile(join(root, 'run', 'events.jsonl'), jsonl([6, 7, 8].map((step) => stepEvent({ step }))));
    handle = await serveRunsDashboard(root, { port });
    await waitForPoints(page, 'loss', 'train', 8, 15_000);
    await appendFile(join(root, 'run', 'events.jsonl'), jsonl([stepEvent({ step: 9 })]));
    await waitForPoints(page, 'loss', 'train', 9);
    t.deepEqual(
      (await drawn(page)).loss!.train!.map(([step]) => step),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  },
);

browserTest("ticking a second run overlays its curves on the first's", async (t) => {
  const root = await tempFolder(t, 'dashboard-overlay');
  await writeRuns(root, { a: syntheticRun({ iterations: 4 }), b: syntheticRun({ iterations: 6 }) });
  const handle = await serveRunsDashboard(root, { port: 0 });
  t.teardown(() => handle.close());
  const page = await browser!.newPage();
  t.teardown(() => page.close());
  await page.goto(`${handle.url}?run=a`);
  await waitForPoints(page, 'loss', 'train', 8);
  await page.check('input[data-run="b"]');
  await waitForPoints(page, 'loss', 'b train', 12);
  t.deepEqual(Object.keys((await drawn(page)).loss!), ['a train', 'a validation', 'b train', 'b validation']);
  t.is((await drawn(page)).loss!['a train']!.length, 8);
});

browserTest(
  'a resumed run is drawn as it went on: the steps after its checkpoint are replaced, not drawn twice',
  async (t) => {
    const root = await tempFolder(t, 'dashboard-resumed');
    const firstTry = [1, 2, 3, 4, 5, 6].map((step) => stepEvent({ step, loss: 1 }));
    const resumed = [4, 5, 6, 7, 8].map((step) => stepEvent({ step, loss: 0.5 }));
    await writeRuns(root, { run: [...firstTry, ...resumed] });
    const handle = await serveRunsDashboard(root, { port: 0 });
    t.teardown(() => handle.close());
    const page = await browser!.newPage();
    t.teardown(() => page.close());
    await page.goto(`${handle.url}?run=run`);
    await waitForPoints(page, 'loss', 'train', 8);
    t.deepEqual((await drawn(page)).loss!.train, [
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 0.5],
      [5, 0.5],
      [6, 0.5],
      [7, 0.5],
      [8, 0.5],
    ]);
  },
);
