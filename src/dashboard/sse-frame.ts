/**
 * One server-sent event. `data` is JSON on a single line (JSON.stringify never emits a raw line
 * break), so no field can end the frame early; `id` and `event` are ours, never from data.
 */
export function sseFrame(fields: { readonly id?: string; readonly event?: string; readonly data: unknown }): string {
  const id = fields.id === undefined ? '' : `id: ${fields.id}\n`;
  const event = fields.event === undefined ? '' : `event: ${fields.event}\n`;
  return `${id}${event}data: ${JSON.stringify(fields.data)}\n\n`;
}

/** `Last-Event-ID` as the log writes it, `<generation>.<sequence>`; undefined when absent or malformed. */
export function parseEventId(text: string | undefined): { generation: number; sequence: number } | undefined {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(text ?? '');
  return match ? { generation: Number(match[1]), sequence: Number(match[2]) } : undefined;
}
