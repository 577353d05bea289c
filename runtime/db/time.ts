// usrloc keeps `expires` and `last_modified` as DATETIME in the server's local time (Kamailio's db
// layers format time_t with localtime()), so serc writes and reads them the same way to share a table.

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Unix seconds → `YYYY-MM-DD HH:MM:SS` in local time. */
export function toDbDateTime(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/** `YYYY-MM-DD HH:MM:SS` (local time), a Date, or unix seconds → unix seconds; NaN when unreadable. */
export function fromDbDateTime(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('latin1') : '';
  const m = DATETIME.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Math.floor(new Date(y, mo - 1, d, h, mi, s).getTime() / 1000);
}
