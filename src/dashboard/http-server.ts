import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DashboardOptionError } from './errors.js';
import { picturePng } from './pictures.js';
import type { RunSource } from './run-source.js';
import { hostAllowed, isLoopback, SECURITY_HEADERS, sendText } from './security.js';
import { streamLog, type ClientStats } from './sse-client.js';
import { assetBytes, ASSETS } from './static-assets.js';
import type { PictureName } from './wire-event.js';

export interface DashboardOptions {
  /** Default 6006 (TensorBoard's); 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1, this machine only; any other address is warned about. */
  readonly host?: string;
  /** Events waiting per live client before old progress points are coalesced; default 256. */
  readonly queueCapacity?: number;
  /** Where the warning about a non-loopback address goes; default standard error. */
  readonly warn?: (message: string) => void;
}

/** A running dashboard. */
export interface DashboardHandle {
  /** `http://127.0.0.1:6006/` */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Each connected page's queue and socket buffer. */
  clients(): ClientStats[];
  /** Stops serving and disconnects every page. */
  close(): Promise<void>;
}

const PICTURES: readonly PictureName[] = ['kernels', 'feature-maps'];

/** `/api/runs/<id>/<action…>` with the id as one URL-encoded segment; undefined for any other path. */
function runRoute(pathname: string): { id: string; action: string } | undefined {
  const parts = pathname.split('/');
  if (parts.length < 5 || parts[0] !== '' || parts[1] !== 'api' || parts[2] !== 'runs') return undefined;
  try {
    return { id: decodeURIComponent(parts[3]!), action: parts.slice(4).join('/') };
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(value ?? null));
}

/**
 * Serves the page and `source`'s runs, read-only: GET and HEAD only; the page's own files; the run
 * list; each run's events as server-sent events, its info and its pictures, by the ids the list
 * gives and nothing else (no path from a request ever reaches the file system).
 */
export async function startServer(source: RunSource, options: DashboardOptions = {}): Promise<DashboardHandle> {
  const port = options.port ?? 6006;
  const host = options.host ?? '127.0.0.1';
  const capacity = options.queueCapacity ?? 256;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new DashboardOptionError('port', port, 'an integer from 0 to 65535');
  if (typeof host !== 'string' || host === '')
    throw new DashboardOptionError('host', host, 'an address such as 127.0.0.1');
  if (!Number.isInteger(capacity) || capacity < 2)
    throw new DashboardOptionError('queueCapacity', capacity, 'an integer ≥ 2');
  const clients = new Map<ServerResponse, () => ClientStats>();
  let bound = port;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (!hostAllowed(request, host, bound))
      return sendText(response, 421, 'this dashboard answers only to its own address');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendText(response, 405, 'read-only: GET and HEAD only', { Allow: 'GET, HEAD' });
    const url = new URL(request.url ?? '/', 'http://dashboard');
    const pathname = url.pathname;
    if (pathname === '/favicon.ico') return void response.writeHead(204).end();
    const asset = assetBytes(pathname);
    if (asset !== undefined) {
      const bytes = await asset;
      response.writeHead(200, { 'Content-Type': ASSETS[pathname]!.type, 'Cache-Control': 'no-cache' });
      return void response.end(request.method === 'HEAD' ? undefined : bytes);
    }
    if (pathname === '/api/runs') return sendJson(response, await source.list());
    const route = runRoute(pathname);
    if (route === undefined) return sendText(response, 404, 'not found');
    const log = await source.log(route.id);
    if (log === undefined) return sendText(response, 404, 'no such run');
    if (route.action === 'events') {
      // A page that had to open a new connection sends its last id in the query.
      const header = request.headers['last-event-id'];
      const lastEventId =
        (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId') ?? undefined;
      const stats = streamLog(log, response, lastEventId, capacity);
      clients.set(response, stats);
      response.on('close', () => clients.delete(response));
      return;
    }
    if (route.action === 'info') return sendJson(response, await source.info(route.id));
    const picture = PICTURES.find((name) => route.action === `pictures/${name}.png`);
    const png = picture && log.done ? await picturePng(log.done, picture) : undefined;
    if (png === undefined) return sendText(response, 404, 'no such picture');
    response.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : png);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, error instanceof Error ? error.message : String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  bound = (server.address() as AddressInfo).port;
  if (!isLoopback(host)) {
    (options.warn ?? ((message: string) => process.stderr.write(`${message}\n`)))(
      `rxtrain dashboard: warning: listening on ${host}, not only this machine: anyone who can reach port ${bound} can read these runs' events (there is no login)`,
    );
  }
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${bound}/`,
    port: bound,
    host,
    clients: () => [...clients.values()].map((stats) => stats()),
    // What each page was sent is flushed; a page that does not let go within a second is cut off.
    close: () =>
      new Promise<void>((resolve) => {
        source.close();
        server.close(() => resolve());
        for (const response of clients.keys()) response.end();
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
}
