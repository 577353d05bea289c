// db_url parsing: the scheme picks the driver; mistakes are configuration errors with a clear text.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseConfigError, defaultDbUrl, parseDbUrl, redactDbUrl } from '../../runtime/db/index.js';

describe('parseDbUrl', () => {
  it('reads sqlite:///absolute/path as an absolute file', () => {
    expect(parseDbUrl('sqlite:///var/lib/serc/msilo.db')).toEqual({
      driver: 'sqlite',
      path: '/var/lib/serc/msilo.db',
    });
  });

  it('reads sqlite://relative/path against cwd, as db_sqlite does', () => {
    expect(parseDbUrl('sqlite://data/serc.db', '/srv/app')).toEqual({
      driver: 'sqlite',
      path: '/srv/app/data/serc.db',
    });
  });

  it('accepts sqlite://:memory:', () => {
    expect(parseDbUrl('sqlite://:memory:')).toEqual({ driver: 'sqlite', path: ':memory:' });
  });

  it('reads mysql URLs with and without a port, decoding the credentials', () => {
    expect(parseDbUrl('mysql://kamailio:kamailiorw@localhost/kamailio')).toEqual({
      driver: 'mysql',
      host: 'localhost',
      port: 3306,
      user: 'kamailio',
      password: 'kamailiorw',
      database: 'kamailio',
    });
    expect(parseDbUrl('mysql://u:p%40ss@[::1]:3307/msilo')).toEqual({
      driver: 'mysql',
      host: '::1',
      port: 3307,
      user: 'u',
      password: 'p@ss',
      database: 'msilo',
    });
  });

  it('rejects unknown schemes and incomplete URLs with DatabaseConfigError', () => {
    expect(() => parseDbUrl('postgres://u:p@h/db')).toThrow(DatabaseConfigError);
    expect(() => parseDbUrl('postgres://u:secret@h/db')).toThrow(
      /unsupported db_url postgres:\/\/u:\*\*\*@h\/db/,
    );
    expect(() => parseDbUrl('/tmp/file.db')).toThrow(DatabaseConfigError);
    expect(() => parseDbUrl('mysql://u:p@host')).toThrow(/needs a host and a database/);
    expect(() => parseDbUrl('sqlite://')).toThrow(DatabaseConfigError);
  });
});

describe('defaultDbUrl', () => {
  it('is a SQLite file named serc.db in the working directory', () => {
    expect(defaultDbUrl('/srv/app')).toBe('sqlite:///srv/app/serc.db');
    expect(parseDbUrl(defaultDbUrl())).toEqual({ driver: 'sqlite', path: join(process.cwd(), 'serc.db') });
  });
});

describe('redactDbUrl', () => {
  it('hides the password and nothing else', () => {
    expect(redactDbUrl('mysql://serc:sercpw@127.0.0.1:3306/serc')).toBe(
      'mysql://serc:***@127.0.0.1:3306/serc',
    );
    expect(redactDbUrl('mysql://serc@host/serc')).toBe('mysql://serc@host/serc');
    expect(redactDbUrl('sqlite:///tmp/x.db')).toBe('sqlite:///tmp/x.db');
  });
});
