// Time pseudo-variables: Kamailio $time(name) / $utime(name) fields and strftime formats
// ($timef(fmt), OpenSIPS $time(fmt)). Local time, like the C library the servers use.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dayOfYear(d: Date, utc: boolean): number {
  const start = utc ? Date.UTC(d.getUTCFullYear(), 0, 1) : new Date(d.getFullYear(), 0, 1).getTime();
  const today = utc
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
    : new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((today - start) / 86400000) + 1;
}

interface Parts {
  year: number;
  mon: number; // 1-12
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number;
  yday: number; // 1-366
}

function parts(d: Date, utc: boolean): Parts {
  return utc
    ? {
        year: d.getUTCFullYear(),
        mon: d.getUTCMonth() + 1,
        mday: d.getUTCDate(),
        hour: d.getUTCHours(),
        min: d.getUTCMinutes(),
        sec: d.getUTCSeconds(),
        wday: d.getUTCDay(),
        yday: dayOfYear(d, true),
      }
    : {
        year: d.getFullYear(),
        mon: d.getMonth() + 1,
        mday: d.getDate(),
        hour: d.getHours(),
        min: d.getMinutes(),
        sec: d.getSeconds(),
        wday: d.getDay(),
        yday: dayOfYear(d, false),
      };
}

const FIELDS = new Set(['sec', 'min', 'hour', 'mday', 'mon', 'year', 'wday', 'yday', 'isdst']);

/** Kamailio $time(name)/$utime(name) field names. */
export function isTimeField(name: string): boolean {
  return FIELDS.has(name);
}

export function timeField(name: string, d: Date, utc: boolean): number {
  const p = parts(d, utc);
  switch (name) {
    case 'sec':
      return p.sec;
    case 'min':
      return p.min;
    case 'hour':
      return p.hour;
    case 'mday':
      return p.mday;
    case 'mon':
      return p.mon;
    case 'year':
      return p.year;
    case 'wday':
      return p.wday + 1; // Kamailio counts 1 = Sunday
    case 'yday':
      return p.yday;
    default:
      return 0; // isdst: not tracked
  }
}

/** strftime subset: %Y %y %m %d %e %H %I %M %S %p %j %a %A? (abbrev) %b %F %T %D %s %z? %%. */
export function strftime(format: string, d: Date, utc = false): string {
  const p = parts(d, utc);
  return format.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case 'Y':
        return String(p.year);
      case 'y':
        return pad(p.year % 100);
      case 'm':
        return pad(p.mon);
      case 'd':
        return pad(p.mday);
      case 'e':
        return String(p.mday).padStart(2, ' ');
      case 'H':
        return pad(p.hour);
      case 'I':
        return pad(p.hour % 12 === 0 ? 12 : p.hour % 12);
      case 'M':
        return pad(p.min);
      case 'S':
        return pad(p.sec);
      case 'p':
        return p.hour < 12 ? 'AM' : 'PM';
      case 'j':
        return pad(p.yday, 3);
      case 'a':
        return DAYS[p.wday] ?? '';
      case 'b':
      case 'h':
        return MONTHS[p.mon - 1] ?? '';
      case 'F':
        return `${p.year}-${pad(p.mon)}-${pad(p.mday)}`;
      case 'T':
        return `${pad(p.hour)}:${pad(p.min)}:${pad(p.sec)}`;
      case 'D':
        return `${pad(p.mon)}/${pad(p.mday)}/${pad(p.year % 100)}`;
      case 's':
        return String(Math.floor(d.getTime() / 1000));
      case '%':
        return '%';
      default:
        return m;
    }
  });
}
