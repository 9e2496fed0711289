import { request, type IncomingMessage } from 'node:http';

export interface Frame {
  readonly id?: string | undefined;
  readonly event: string;
  readonly data: unknown;
}

/** Splits a server-sent event stream into frames (comments and `retry:` lines skipped). */
function parseFrames(text: string): Frame[] {
  return text
    .split('\n\n')
    .map((block) =>
      block.split('\n').filter((line) => line !== '' && !line.startsWith(':') && !line.startsWith('retry:')),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      return { id: field('id'), event: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') };
    });
}

/** A page's event stream read from node: the frames so far, waiting for some, and disconnecting. */
export class SseReader {
  frames: Frame[] = [];
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];
  response!: IncomingMessage;

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader();
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { headers }, (response) => {
        reader.response = response;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => reader.take(chunk));
        response.on('end', () => {
          reader.ended = true;
          reader.wake();
        });
        response.on('error', () => undefined);
        resolve();
      });
      req.on('error', reject);
      req.end();
    });
    return reader;
  }

  /** The train events received, in order. */
  get events(): unknown[] {
    return this.frames.filter((f) => f.event === 'message').map((f) => f.data);
  }

  get lastId(): string | undefined {
    return this.frames.filter((f) => f.id !== undefined).at(-1)?.id;
  }

  async until(done: (reader: SseReader) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this)) {
      if (this.ended) throw new Error(`stream ended after ${this.frames.length} frames`);
      if (Date.now() > deadline) throw new Error(`timed out after ${this.frames.length} frames`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.response.destroy();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    const end = this.buffer.lastIndexOf('\n\n');
    if (end === -1) return;
    this.frames.push(...parseFrames(this.buffer.slice(0, end + 2)));
    this.buffer = this.buffer.slice(end + 2);
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
