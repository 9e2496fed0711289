import test, { type ExecutionContext } from 'ava';
import { request } from 'node:http';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  DashboardOptionError,
  RunsDirError,
  serveRunsDashboard,
} from '../../src/dashboard/index.js';
import { tempFolder } from '../temp-folder.js';
import { writeRuns } from './runs-folder.js';
import { syntheticRun } from './synthetic-run.js';

/** A raw request: the path is sent exactly as given (no normalising of `..` or escapes). */
function raw(
  port: number,
  path: string,
  options: { method?: string; host?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
        if (response.headers['content-type']?.startsWith('text/event-stream')) {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
          response.destroy();
        }
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function served(t: ExecutionContext) {
  const folder = await tempFolder(t, 'dashboard-security');
  const root = join(folder, 'runs');
  await writeRuns(root, { catdog: syntheticRun(), 'sweep/lr-0.01': syntheticRun() });
  // Beside the runs folder: a secret, and a run-shaped folder reachable only through links out.
  await writeFile(join(folder, 'secret.txt'), 'not for the page');
  await writeRuns(folder, { outside: syntheticRun() });
  await symlink(join(folder, 'outside'), join(root, 'linked-out'));
  await mkdir(join(root, 'log-linked-out'));
  await symlink(join(folder, 'outside', 'events.jsonl'), join(root, 'log-linked-out', 'events.jsonl'));
  const handle = await serveRunsDashboard(root, { port: 0 });
  t.teardown(() => handle.close());
  return { handle, folder };
}

test('the runs folder lists its runs, and no link out of it', async (t) => {
  const { handle } = await served(t);
  const { body } = await raw(handle.port, '/api/runs');
  t.deepEqual((JSON.parse(body) as { id: string }[]).map((run) => run.id).sort(), ['catdog', 'sweep/lr-0.01']);
});

test('no request path reaches a file outside the known ones: encoded dots, slashes, links out', async (t) => {
  const { handle } = await served(t);
  const attempts = [
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/../../../package.json',
    '/api/runs/..%2Fsecret.txt/events',
    '/api/runs/%2e%2e/events',
    '/api/runs/%252e%252e%252fsecret.txt/events',
    '/api/runs/catdog%2F..%2F..%2Foutside/events',
    '/api/runs/linked-out/events',
    '/api/runs/log-linked-out/events',
    '/api/runs/catdog/../../outside/events',
    '/api/runs/catdog/events.jsonl',
    '/api/runs/catdog/pictures/..%2f..%2fsecret.txt',
    '/api/runs/%ff/events',
    '/package.json',
    '/src/dashboard/page/app.js',
  ];
  for (const path of attempts) {
    const { status, body } = await raw(handle.port, path);
    t.true(status === 404 || status === 400, `${path}: ${status}`);
    t.false(body.includes('not for the page') || body.includes('"kind"'), path);
  }
  t.is((await raw(handle.port, '/api/runs/sweep%2Flr-0.01/events')).status, 200);
});

test('every response carries the Content-Security-Policy and no-sniff headers; only GET and HEAD are answered', async (t) => {
  const { handle } = await served(t);
  for (const path of ['/', '/assets/app.js', '/api/runs', '/api/runs/catdog/info', '/nothing']) {
    const { headers } = await raw(handle.port, path);
    t.is(headers['content-security-policy'], CONTENT_SECURITY_POLICY, path);
    t.is(headers['x-content-type-options'], 'nosniff', path);
  }
  t.false(CONTENT_SECURITY_POLICY.includes('unsafe'));
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const { status, headers } = await raw(handle.port, '/api/runs', { method });
    t.is(status, 405, method);
    t.is(headers.allow, 'GET, HEAD');
  }
});

test('on 127.0.0.1 a request naming another host is refused (DNS rebinding)', async (t) => {
  const { handle } = await served(t);
  t.is((await raw(handle.port, '/api/runs', { host: 'attacker.example:80' })).status, 421);
  t.is((await raw(handle.port, '/api/runs', { host: `localhost:${handle.port}` })).status, 200);
  t.is(handle.host, '127.0.0.1');
});

test('listening on 0.0.0.0 warns that the runs become readable from other machines', async (t) => {
  const folder = await tempFolder(t, 'dashboard-any');
  const warnings: string[] = [];
  const handle = await serveRunsDashboard(folder, {
    port: 0,
    host: '0.0.0.0',
    warn: (message) => warnings.push(message),
  });
  await handle.close();
  t.is(warnings.length, 1);
  t.regex(warnings[0]!, /warning: listening on 0\.0\.0\.0/);
  const quiet: string[] = [];
  await (await serveRunsDashboard(folder, { port: 0, warn: (message) => quiet.push(message) })).close();
  t.deepEqual(quiet, []);
});

test('a runs folder that is missing or a file, or a bad port, is a typed error naming it', async (t) => {
  const folder = await tempFolder(t, 'dashboard-bad');
  await writeFile(join(folder, 'file'), '');
  await t.throwsAsync(serveRunsDashboard(join(folder, 'missing')), {
    instanceOf: RunsDirError,
    message: /missing: cannot be read/,
  });
  await t.throwsAsync(serveRunsDashboard(join(folder, 'file')), {
    instanceOf: RunsDirError,
    message: /is not a folder/,
  });
  await t.throwsAsync(serveRunsDashboard(folder, { port: 70000 }), {
    instanceOf: DashboardOptionError,
    message: /port/,
  });
});
