/**
 * The picture in docs/dashboard.md: `rxtrain dashboard` on a runs folder, drawn by Debian's
 * Chromium (as the browser tests do) and saved as a PNG.
 *
 *   npx tsx scripts/dashboard-screenshot.ts RUNS_DIR [OUT.png]   # default docs/dashboard.png
 *
 * e.g. after `npx rxtrain demo --per-class 60 --epochs 5 --out /tmp/runs/demo`.
 */
import { serveRunsDashboard } from '../src/dashboard/index.js';
import { chromiumMissing, openBrowser } from '../test/dashboard/chromium.js';

const [runs, out = 'docs/dashboard.png'] = process.argv.slice(2);
if (runs === undefined) throw new Error('usage: npx tsx scripts/dashboard-screenshot.ts RUNS_DIR [OUT.png]');
if (chromiumMissing !== undefined) throw new Error(chromiumMissing);
const handle = await serveRunsDashboard(runs, { port: 0 });
const browser = await openBrowser();
try {
  const page = await browser.newPage();
  await page.goto(handle.url);
  await page.waitForSelector('#kernels:not([hidden])', { timeout: 30_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: out, fullPage: true });
  if (browser.errors.length > 0) throw new Error(`the page logged errors: ${browser.errors.join('; ')}`);
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await handle.close();
}
