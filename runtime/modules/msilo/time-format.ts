// Time texts msilo puts into messages, as C's ctime() and Kamailio's Date header print them.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number): string => String(n).padStart(2, '0');

/** ctime(t) without the newline, in server local time: `Wed Jun 30 21:49:08 1993` (day space-padded). */
export function ctime(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  const day = String(d.getDate()).padStart(2, ' ');
  const clock = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${day} ${clock} ${d.getFullYear()}`;
}

/** RFC 1123 date in GMT for the Date header: `Wed, 30 Jun 1993 21:49:08 GMT`. */
export function rfc1123(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toUTCString();
}

/** Parses snd_time_avp's `YYYYMMDDHHMMSS` (local time) to unix seconds; undefined when malformed. */
export function parseSendTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  return Number.isNaN(date.getTime()) ? undefined : Math.floor(date.getTime() / 1000);
}
