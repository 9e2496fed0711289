/** Largest patch or column matrix a gradient kernel makes at once: 2^24 floats (64 MiB). */
export const CHUNK_FLOATS = 1 << 24;

/** Splits images [0, batch) into consecutive runs of at most CHUNK_FLOATS / floatsPerImage (at least 1) images. */
export function imageChunks(batch: number, floatsPerImage: number): [number, number][] {
  const per = Math.max(1, Math.floor(CHUNK_FLOATS / Math.max(1, floatsPerImage)));
  const chunks: [number, number][] = [];
  for (let first = 0; first < batch; first += per) chunks.push([first, Math.min(batch, first + per)]);
  return chunks;
}
