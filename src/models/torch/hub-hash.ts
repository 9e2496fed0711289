import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { WeightsHashError } from '../errors.js';

/** torch.hub's `HASH_REGEX` (`-([a-f0-9]*)\.`), kept to names like `alexnet-owt-7be5be79.pth`: at least 8 hex digits. */
const HUB_HASH = /-([a-f0-9]{8,64})\.[^.]+$/;

/** The SHA-256 prefix a torch.hub-style file name promises (`alexnet-owt-7be5be79.pth` → `7be5be79`), if any. */
export const hubHashPrefix = (path: string): string | undefined => HUB_HASH.exec(basename(path))?.[1];

/**
 * As `torch.hub.download_url_to_file(..., hash_prefix)` does: a file named `name-<hex>.pth` must
 * have a SHA-256 starting with `<hex>`; otherwise a `WeightsHashError` says what was expected.
 */
export function checkHubHash(path: string, bytes: Uint8Array): void {
  const prefix = hubHashPrefix(path);
  if (prefix === undefined) return;
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (!digest.startsWith(prefix)) throw new WeightsHashError(path, prefix, digest);
}
