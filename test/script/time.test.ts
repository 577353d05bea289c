import { describe, expect, it } from 'vitest';
import { compileFormat } from '../../runtime/core/script/format.js';
import { strftime, timeField } from '../../runtime/core/script/time.js';
import { makeCtx } from './helpers.js';

// 2024-02-29T13:05:09Z, a Thursday, day 60 of a leap year.
const D = new Date(Date.UTC(2024, 1, 29, 13, 5, 9));

describe('time PVs', () => {
  it('strftime subset', () => {
    expect(strftime('%Y-%m-%dT%H:%M:%S', D, true)).toBe('2024-02-29T13:05:09');
    expect(strftime('%a %b %e %I%p %j %F %T %D %s %% %q', D, true)).toBe(
      `Thu Feb 29 01PM 060 2024-02-29 13:05:09 02/29/24 ${D.getTime() / 1000} % %q`,
    );
  });

  it('Kamailio $time/$utime fields', () => {
    expect(timeField('year', D, true)).toBe(2024);
    expect(timeField('mon', D, true)).toBe(2);
    expect(timeField('mday', D, true)).toBe(29);
    expect(timeField('hour', D, true)).toBe(13);
    expect(timeField('wday', D, true)).toBe(5);
    expect(timeField('yday', D, true)).toBe(60);
  });

  it('formats with $time(%…) (OpenSIPS 3) and $timef(…) compile and produce the pattern', () => {
    const ctx = makeCtx();
    expect(compileFormat('X-Date: $time(%Y-%m-%dT%H:%M:%S).$Tsm', 'O3')(ctx)).toMatch(
      /^X-Date: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,3}$/,
    );
    expect(compileFormat('$timef(%Y)', 'K3')(ctx)).toMatch(/^\d{4}$/);
    expect(compileFormat('$utime(year)', 'K3')(ctx)).toMatch(/^\d{4}$/);
  });
});
