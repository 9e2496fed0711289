import { createReadStream } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { Readable } from 'node:stream';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { ShardError } from './errors.js';
import { locationOf } from './shard-url.js';

/** An HTTP status that retrying will not change (4xx but 408 and 429), or a missing file or object. */
export class PermanentShardError extends ShardError {
  override readonly name: string = 'PermanentShardError';
}

/** Opens shards: one S3 client per reader, made on first use (the SDK is loaded only then) with `s3` over the SDK's standard credential chain. */
export class ShardOpener {
  private client: Promise<{ readonly sdk: typeof import('@aws-sdk/client-s3'); readonly client: S3Client }> | undefined;

  constructor(private readonly s3: S3ClientConfig = {}) {}

  /** The bytes of `url` from `offset` on (an HTTP `Range`, an S3 `Range`, or a file read from there). */
  async open(url: string, offset: number): Promise<Readable> {
    const where = locationOf(url);
    if (where.kind === 'file') return openFile(where.path, offset);
    if (where.kind === 'http') return openHttp(where.url, offset);
    try {
      const { sdk, client } = await this.s3Client();
      const object = await client.send(
        new sdk.GetObjectCommand({
          Bucket: where.bucket,
          Key: where.key,
          Range: offset > 0 ? `bytes=${offset}-` : undefined,
        }),
      );
      return object.Body as Readable;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== undefined && isPermanent(status))
        throw new PermanentShardError(url, `expected an S3 object, got HTTP ${status} (${(error as Error).name})`);
      throw error;
    }
  }

  /** Keys of the `.tar` objects under an `s3://bucket/prefix`, sorted. */
  async listS3(url: string): Promise<string[]> {
    const where = locationOf(url);
    if (where.kind !== 's3') throw new ShardError(url, 'expected an s3:// URL to list');
    const keys: string[] = [];
    let token: string | undefined;
    const { sdk, client } = await this.s3Client();
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: where.bucket, Prefix: where.key, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key?.endsWith('.tar')) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort().map((key) => `s3://${where.bucket}/${key}`);
  }

  close(): void {
    void this.client?.then(
      ({ client }) => client.destroy(),
      () => {},
    );
    this.client = undefined;
  }

  private s3Client() {
    return (this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client(s3Config(this.s3)),
    })));
  }
}

/**
 * The SDK's configuration: its standard chain for credentials and region, `AWS_ENDPOINT_URL_S3` or
 * `AWS_ENDPOINT_URL` as the endpoint, and path-style addressing whenever the endpoint is not
 * Amazon's (what S3-compatible stores expect).
 */
export function s3Config(
  config: S3ClientConfig,
  env: Readonly<Record<string, string | undefined>> = process.env,
): S3ClientConfig {
  const endpoint = config.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const region = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  return {
    ...config,
    region,
    ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: config.forcePathStyle ?? true }),
  };
}

const isPermanent = (status: number): boolean => status >= 400 && status < 500 && status !== 408 && status !== 429;

function openFile(path: string, offset: number): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { start: offset });
    stream.once('open', () => resolve(stream));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES'
          ? new PermanentShardError(path, `cannot read the shard (${error.message})`)
          : error,
      ),
    );
  });
}

function openHttp(url: string, offset: number): Promise<Readable> {
  const get = url.toLowerCase().startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      { headers: offset > 0 ? { range: `bytes=${offset}-` } : {} },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        if (status === 200 && offset > 0) {
          response.destroy();
          reject(
            new PermanentShardError(
              url,
              `expected the server to honour Range (HTTP 206) to resume at byte ${offset}, got HTTP 200`,
            ),
          );
        } else if (status === 200 || status === 206) resolve(response);
        else {
          response.resume();
          const message = `expected HTTP 200 or 206, got ${status}`;
          reject(isPermanent(status) ? new PermanentShardError(url, message) : new ShardError(url, message));
        }
      },
    );
    request.once('error', reject);
  });
}
