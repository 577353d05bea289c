// LANGUAGE.md §3: #! directives, token-driven define expansion with origins, includes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHuman } from '../../compiler/diagnostics.js';
import { parseFile } from '../../compiler/frontend.js';
import { ast, errors, parse, routes, statements } from './helpers.js';

function firstCallArgs(text: string, options = {}): string[] {
  const r = routes(ast(text, 'kamailio', options))[0];
  const s = r?.body.body[0];
  if (s?.kind !== 'call') throw new Error(`not a call: ${s?.kind}`);
  return s.args.map((a) =>
    a.kind === 'string'
      ? `"${a.value}"`
      : a.kind === 'int'
        ? String(a.value)
        : a.kind === 'word'
          ? a.text
          : a.kind,
  );
}

describe('#!define', () => {
  it('replaces ID tokens by the re-lexed value, not strings or PV names (D2)', () => {
    const text = '#!define DBURL "mysql://x"\n#!define N 5\nroute { f(DBURL, N, "DBURL", $var(DBURL)); }\n';
    const args = firstCallArgs(text);
    expect(args).toEqual(['"mysql://x"', '5', '"DBURL"', 'pv']);
  });

  it('expands values that are statements, recursively, and multi-line with backslash', () => {
    const text = '#!define A B\n#!define B xlog("a"); \\\n  exit;\nroute { A }\n';
    const body = routes(ast(text))[0]?.body.body ?? [];
    expect(body.map((s) => s.kind)).toEqual(['call', 'exit']);
  });

  it('gives expanded tokens the use site and an origin chain naming the define', () => {
    const text = '#!define CMD xlog("x")\nroute {\n  CMD;\n}\n';
    const s = routes(ast(text))[0]?.body.body[0];
    expect(s?.range.startLine).toBe(3);
    expect(s?.range.origin?.[0]).toMatchObject({ kind: 'define', name: 'CMD', definedAt: { startLine: 1 } });
  });

  it('reports a duplicate #!define with the first definition (D1)', () => {
    const r = parse('#!define X 1\n#!define X 2\nroute { exit; }\n');
    const e = errors(r);
    expect(e.map((d) => d.code)).toEqual(['SERC1103']);
    expect(e[0]?.range.startLine).toBe(2);
    expect(e[0]?.secondary?.[0]?.range.startLine).toBe(1);
  });

  it('supports #!trydef (keeps the first) and #!redefine (replaces)', () => {
    expect(firstCallArgs('#!define X 1\n#!trydef X 2\nroute { f(X); }\n')).toEqual(['1']);
    expect(firstCallArgs('#!define X 1\n#!redefine X 2\nroute { f(X); }\n')).toEqual(['2']);
  });

  it('takes -A NAME and -A NAME=VALUE defines', () => {
    expect(
      firstCallArgs('#!ifdef WITH_X\nroute { f(V); }\n#!else\nroute { g(); }\n#!endif\n', {
        defines: { WITH_X: true, V: '7' },
      }),
    ).toEqual(['7']);
  });

  it('stops a define name at the first non-name character, as Kamailio does (no macro parameters)', () => {
    expect(parse('#!define C(x) x\nroute { exit; }\n').defines?.get('C')?.value).toBe('(x) x');
    expect(errors(parse('#!define A-B 1\nroute { exit; }\n')).map((d) => d.code)).toEqual(['SERC1104']);
  });

  it('reports a define that expands to itself', () => {
    expect(errors(parse('#!define X X\nroute { f(X); }\n')).map((d) => d.code)).toContain('SERC1107');
  });

  it('predefines KAMAILIO_* and MOD_<name> for loaded modules (D15)', () => {
    const text = 'loadmodule "xlog.so"\n#!ifdef MOD_xlog\nroute { f(KAMAILIO_VERSION); }\n#!endif\n';
    expect(firstCallArgs(text)).toEqual(['6002000']);
  });
});

describe('#!ifdef / #!ifndef / #!else / #!endif', () => {
  it('keeps the active branch and does not lex the skipped one (D3)', () => {
    const text =
      '#!define WITH_A\n#!ifdef WITH_A\nroute { a(); }\n#!else\nthis is \'not lexed " at all\n#!endif\n';
    expect(routes(ast(text)).length).toBe(1);
  });

  it('nests conditionals', () => {
    const text =
      '#!ifndef X\n#!ifdef Y\nroute { y(); }\n#!else\nroute { noty(); }\n#!endif\n#!else\nroute { x(); }\n#!endif\n';
    const s = routes(ast(text))[0]?.body.body[0];
    expect(s?.kind === 'call' && s.name).toBe('noty');
  });

  it('reports a missing #!endif and a stray #!endif / #!else', () => {
    expect(errors(parse('#!ifdef X\nroute { a(); }\n')).map((d) => d.code)).toEqual(['SERC1101']);
    expect(errors(parse('route { a(); }\n#!endif\n')).map((d) => d.code)).toEqual(['SERC1102']);
    // Kamailio only counts #!if…/#!endif: a stray #!else is a warning.
    expect(parse('#!else\nroute { a(); }\n').diagnostics.map((d) => `${d.severity}:${d.code}`)).toEqual([
      'warning:SERC1102',
    ]);
    // #!endif needs a line break after it, even at the end of the file.
    expect(errors(parse('route { a(); }\n#!ifdef X\n#!endif')).map((d) => d.code)).toEqual(['SERC1101']);
    expect(errors(parse('#!define X\nroute { a(); }\n#!ifdef X\n#!endif'))).toHaveLength(1);
  });

  it('evaluates #!ifexp over defines (D4)', () => {
    const text =
      '#!define V 5\n#!ifexp V > 3 && defined_nothing == 0\nroute { yes_(); }\n#!else\nroute { no_(); }\n#!endif\n';
    const s = routes(ast(text))[0]?.body.body[0];
    expect(s?.kind === 'call' && s.name).toBe('yes_');
  });

  it('warns about an unknown #! word (treated as a comment by Kamailio)', () => {
    const r = parse('#!ifdeff X\nroute { exit; }\n', 'kamailio');
    expect(r.diagnostics.map((d) => `${d.severity}:${d.code}`)).toEqual(['warning:SERC1004']);
  });
});

describe('#!subst, #!substdef, #!defenv', () => {
  it('rewrites string literals and PV tokens with #!subst (D8)', () => {
    expect(firstCallArgs('#!subst "/HOST/example.com/g"\nroute { f("sip:HOST"); }\n')).toEqual([
      '"sip:example.com"',
    ]);
  });

  it('#!substdef defines the name and substitutes it in strings (D9)', () => {
    expect(firstCallArgs('#!substdef "/PORT/5060/"\nroute { f(PORT, "p=PORT"); }\n')).toEqual([
      '5060',
      '"p=5060"',
    ]);
  });

  it('#!defenv reads the environment; a missing variable is an error unless #!trydefenv (D11)', () => {
    expect(firstCallArgs('#!defenv H=MYHOST\nroute { f(H); }\n', { env: { MYHOST: 'node1' } })).toEqual([
      'node1',
    ]);
    expect(
      errors(parse('#!defenv H=NOPE_X\nroute { exit; }\n', 'kamailio', { env: {} })).map((d) => d.code),
    ).toEqual(['SERC1109']);
    expect(errors(parse('#!trydefenv H=NOPE_X\nroute { exit; }\n', 'kamailio', { env: {} }))).toEqual([]);
  });
});

describe('include_file / import_file (D13, D14)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serc-pp-'));
  writeFileSync(join(dir, 'routes.cfg'), 'route[INC] {\n  xlog("inc");\n  bad bad;\n}\n');
  writeFileSync(join(dir, 'defs.cfg'), '#!define GREETING "hi"\n');
  writeFileSync(
    join(dir, 'main.cfg'),
    '#!KAMAILIO\ninclude_file "defs.cfg"\nroute { f(GREETING); route(INC); }\ninclude_file "routes.cfg"\n',
  );
  writeFileSync(
    join(dir, 'missing.cfg'),
    'import_file "nope.cfg"\ninclude_file "nope2.cfg"\nroute { exit; }\n',
  );

  it('inlines included files (defines and routes) and reports errors inside them with the include chain', () => {
    const r = parseFile(join(dir, 'main.cfg'));
    expect(
      routes(r.ast ?? { kind: 'script', dialect: r.dialect!, items: [], range: r.diagnostics[0]!.range }).map(
        (x) => x.name,
      ),
    ).toEqual([undefined, 'INC']);
    const e = errors(r);
    expect(e).toHaveLength(1);
    expect(e[0]?.range.file).toBe(join(dir, 'routes.cfg'));
    expect(e[0]?.range.startLine).toBe(3);
    expect(e[0]?.range.origin?.[0]).toMatchObject({
      kind: 'include',
      at: { file: join(dir, 'main.cfg'), startLine: 4 },
    });
    const text = renderHuman(e, r.sources);
    expect(text).toContain(`= note: included from ${join(dir, 'main.cfg')}:4:1`);
    expect(text).toContain('3 |   bad bad;');
  });

  it('ignores a missing import_file and reports a missing include_file', () => {
    const r = parseFile(join(dir, 'missing.cfg'));
    expect(errors(r).map((d) => `${d.code}@${d.range.startLine}`)).toEqual(['SERC1105@2']);
  });
});

describe('define origin in a rendered diagnostic', () => {
  it('shows "expanded from #!define X at file:line" under the caret', () => {
    const r = parse('#!define BROKEN xlog("a") xlog("b");\nroute {\n  BROKEN\n}\n');
    const e = errors(r);
    expect(e.length).toBeGreaterThan(0);
    const text = renderHuman(e, r.sources);
    expect(text).toContain('--> test.cfg:3:3');
    expect(text).toContain('3 |   BROKEN');
    expect(text).toContain('= note: expanded from #!define BROKEN at test.cfg:1:1');
  });

  it('leaves statements outside defines without origin', () => {
    const s = statements('xlog("a");')[0];
    expect(s?.range.origin).toBeUndefined();
  });
});

describe('more directives', () => {
  it('#!undef removes a define; undefining an unknown name is an error unless #!tryundef (D7)', () => {
    const text = '#!define X 1\n#!undef X\n#!ifdef X\nroute { yes_(); }\n#!else\nroute { no_(); }\n#!endif\n';
    const s = routes(ast(text))[0]?.body.body[0];
    expect(s?.kind === 'call' && s.name).toBe('no_');
    expect(errors(parse('#!undef NOPE\nroute { exit; }\n')).map((d) => d.code)).toEqual(['SERC1108']);
    expect(errors(parse('#!tryundef NOPE\nroute { exit; }\n'))).toEqual([]);
  });

  it('#!substdefs defines a quoted value (D10) and #!defexp an evaluated one (D12)', () => {
    expect(firstCallArgs('#!substdefs "/HOSTNAME/sip.example.com/"\nroute { f(HOSTNAME); }\n')).toEqual([
      '"sip.example.com"',
    ]);
    expect(firstCallArgs('#!define A 6\n#!defexp B A * 7 + 1\nroute { f(B); }\n')).toEqual(['43']);
  });

  it('applies #!subst to PV tokens too (P12)', () => {
    const s = routes(ast('#!subst "/OLD/new/"\nroute { $var(OLD) = 1; }\n'))[0]?.body.body[0];
    expect(s?.kind === 'assign' && s.target.text).toBe('$var(new)');
  });

  it('accepts the //! header form and !! directive prefix (D16, §3)', () => {
    const r = parse('//!KAMAILIO\n!!define X 1\nroute { f(X); }\n');
    expect(errors(r)).toEqual([]);
    expect(r.dialect?.pvMode).toBe('kamailio');
  });

  it('stops an include loop at depth 10 (D13)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'serc-loop-'));
    writeFileSync(join(dir, 'loop.cfg'), 'include_file "loop.cfg"\nroute { exit; }\n');
    const r = parseFile(join(dir, 'loop.cfg'));
    expect(errors(r).map((d) => d.code)).toContain('SERC1106');
  });
});
