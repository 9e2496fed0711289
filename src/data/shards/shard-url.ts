import braces from 'braces';
import { ShardError } from './errors.js';

/** Where a shard (or a shard set's index) lives. */
export type ShardLocation =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'http'; readonly url: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string };

/** Whether `data` names shards or a shard set rather than a folder of images: an http(s) or s3 URL. */
export const isRemoteUrl = (data: string): boolean => /^(https?|s3):\/\//i.test(data);

/** A local path, `http(s)://…` or `s3://bucket/key`, parsed. */
export function locationOf(url: string): ShardLocation {
  if (/^https?:\/\//i.test(url)) return { kind: 'http', url };
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(url);
  if (s3) return { kind: 's3', bucket: s3[1]!, key: s3[2]! };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    throw new ShardError(url, 'expected a local path, an http(s):// URL or an s3://bucket/prefix URL');
  return { kind: 'file', path: url };
}

/** `shard-{000000..000002}.tar` → `shard-000000.tar`, `shard-000001.tar`, `shard-000002.tar`, as WebDataset expands them (zero padding kept). */
export function expandShardUrls(urls: string | readonly string[]): string[] {
  const expanded = (typeof urls === 'string' ? [urls] : urls).flatMap((url) => braces.expand(url));
  if (expanded.length === 0) throw new ShardError(String(urls), 'expected at least one shard URL');
  return expanded;
}

/** `child` next to (or, for a folder-like `base`, under) `base`: `s3://b/p` + `index.json` → `s3://b/p/index.json`. */
export function joinUrl(base: string, child: string): string {
  return `${base.replace(/\/+$/, '')}/${child}`;
}
