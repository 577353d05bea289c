// `serc parse` / `serc check` as users run them: real processes, exit codes 0/1/2, output formats.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SEED_FILES } from './helpers.js';

function serc(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/serc.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'serc-cli-'));
const broken = join(dir, 'broken.cfg');
writeFileSync(broken, '#!KAMAILIO\nroute {\n  xlog("a")\n  route(MISSING);\n}\n');
const unchecked = join(dir, 'unchecked.cfg');
writeFileSync(unchecked, '#!KAMAILIO\nroute {\n  route(MISSING);\n}\n');
const defines = join(dir, 'defines.cfg');
writeFileSync(
  defines,
  '#!KAMAILIO\n#!ifdef WITH_BAD\nroute { broken broken }\n#!else\nroute { exit; }\n#!endif\n',
);

describe('serc parse', () => {
  it('exits 0 for valid files and prints nothing', () => {
    const r = serc('parse', ...SEED_FILES);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('exits 1 with a rendered diagnostic for a syntax error', () => {
    const r = serc('parse', broken);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error[SERC1201]');
    expect(r.err).toContain(`--> ${broken}:3:12`);
    expect(r.err).toContain('3 |   xlog("a")');
  });

  it('honours -A NAME like kamailio -A', () => {
    expect(serc('parse', defines).code).toBe(0);
    expect(serc('parse', '-A', 'WITH_BAD', defines).code).toBe(1);
  });

  it('prints the AST as one JSON document with a stable key order', () => {
    const a = serc('parse', '--json', SEED_FILES[4] as string);
    const b = serc('parse', '--json', SEED_FILES[4] as string);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const doc = JSON.parse(a.out) as {
      files: { path: string; ast: { kind: string; items: { kind: string }[] } }[];
    };
    expect(doc.files[0]?.ast.kind).toBe('script');
    expect(doc.files[0]?.ast.items.some((i) => i.kind === 'route')).toBe(true);
    expect(a.out.indexOf('"kind": "script"')).toBeLessThan(
      a.out.indexOf('"dialect"', a.out.indexOf('"ast"')),
    );
  });

  it('exits 2 for bad usage and 1 for a missing file', () => {
    expect(serc('parse').code).toBe(2);
    expect(serc('parse', '-A', '1bad', broken).code).toBe(2);
    const missing = serc('parse', join(dir, 'nope.cfg'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('SERC0002');
  });
});

describe('serc check', () => {
  it('finds what parse does not: a route(X) without a block', () => {
    expect(serc('parse', unchecked).code).toBe(0);
    const r = serc('check', unchecked);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error[SERC2002]: route(MISSING) calls a route block that does not exist');
  });

  it('prints one JSON document with --format json', () => {
    const r = serc('check', '--format', 'json', unchecked);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { diagnostics: { code: string }[]; summary: { errors: number } };
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['SERC2002']);
    expect(doc.summary.errors).toBe(1);
  });
});
