// LANGUAGE.md §4–§8: top-level statements, route blocks, statements, expressions per dialect.
import { describe, expect, it } from 'vitest';
import type { Break, Call, Expr, TopItem } from '../../compiler/ast.js';
import { ast, condition, errors, parse, routes, shape, statements } from './helpers.js';

function items(text: string, dialect?: 'ser' | 'kamailio' | 'opensips'): TopItem[] {
  return ast(text, dialect).items;
}

describe('§4 top-level statements', () => {
  it('reads core params with numbers, negatives, booleans, strings, IDs, paths; `;` optional (T1, T11, T13)', () => {
    const got = items(
      'debug=-1\nfork=yes\nchildren=4;\nlog_facility=LOG_LOCAL0\nfifo=/tmp/ser_fifo\nuser_agent_header="UA: x"\n;\n',
      'ser',
    );
    expect(got.map((i) => (i.kind === 'param' ? `${i.name}=${shape(i.value)}` : i.kind))).toEqual([
      'debug=-1',
      'fork=1',
      'children=4',
      'log_facility=LOG_LOCAL0',
      'fifo=/tmp/ser_fifo',
      'user_agent_header="UA: x"',
    ]);
  });

  it('reads listen with proto, IPv4/IPv6, port, advertise, name, lists (T2) and alias (T3)', () => {
    const got = items(
      'listen=udp:10.0.0.1:5060 advertise 1.2.3.4:5080 name "pub"\nlisten = tcp:[::1]:5061\nlisten=eth0\nalias=sip.example.com:5060\n',
    );
    const [a, b, c, d] = got;
    expect(a).toMatchObject({
      kind: 'listen',
      addresses: [{ proto: 'udp', host: '10.0.0.1', port: '5060' }],
      advertise: { host: '1.2.3.4', port: '5080' },
      name: 'pub',
    });
    expect(b).toMatchObject({ kind: 'listen', addresses: [{ proto: 'tcp', host: '[::1]', port: '5061' }] });
    expect(c).toMatchObject({ kind: 'listen', addresses: [{ host: 'eth0' }] });
    expect(d).toMatchObject({ kind: 'alias', addresses: [{ host: 'sip.example.com', port: '5060' }] });
  });

  it('reads cfg vars with desc (T4) and group[N].var', () => {
    const got = items('pstn.gw_ip = "" desc "PSTN GW Address"\nfoo[2].bar = 3\n');
    expect(got[0]).toMatchObject({
      kind: 'cfgvar',
      group: 'pstn',
      name: 'gw_ip',
      description: 'PSTN GW Address',
      value: { kind: 'string', value: '' },
    });
    expect(got[1]).toMatchObject({
      kind: 'cfgvar',
      group: 'foo',
      instance: 2,
      name: 'bar',
      value: { kind: 'int', value: 3 },
    });
  });

  it('reads every loadmodule form (T5) and loadpath/mpath (T6)', () => {
    const got = items(
      'loadmodule "/usr/lib/ser/modules/sl.so"\nloadmodule "tm"\nloadmodule("htable", "opt");\nloadpath "/a:/b"\nmpath="/c/"\n',
    );
    expect(
      got.map((i) =>
        i.kind === 'loadmodule'
          ? `${i.module}${i.options ? `(${i.options})` : ''}`
          : i.kind === 'loadpath'
            ? `${i.keyword}:${i.dirs.join(',')}`
            : i.kind,
      ),
    ).toEqual(['sl', 'tm', 'htable(opt)', 'loadpath:/a,/b', 'mpath:/c/']);
  });

  it('reads modparam with a module list and any value (T7)', () => {
    const [m, n] = items(
      'modparam("registrar|nathelper", "received_avp", "$avp(i:80)")\nmodparam("tm", "fr_timer", 10);\n',
    );
    expect(m).toMatchObject({
      kind: 'modparam',
      modules: ['registrar', 'nathelper'],
      param: 'received_avp',
      value: { kind: 'string', value: '$avp(i:80)' },
    });
    expect(n).toMatchObject({ kind: 'modparam', modules: ['tm'], value: { kind: 'int', value: 10 } });
  });

  it('reads flags and avpflags declarations (T8)', () => {
    const [f, a] = items('flags FLAG_ACC : 1, FLAG_X:2, NAMED;\navpflags dialog_cookie;\n', 'ser');
    expect(f).toMatchObject({
      kind: 'flags',
      keyword: 'flags',
      flags: [{ name: 'FLAG_ACC', position: 1 }, { name: 'FLAG_X', position: 2 }, { name: 'NAMED' }],
    });
    expect(a).toMatchObject({ kind: 'flags', keyword: 'avpflags', flags: [{ name: 'dialog_cookie' }] });
  });
});

describe('§5 route blocks', () => {
  it('reads every block kind with its meaning and name', () => {
    const text = [
      'route { exit; }',
      'route[0] { exit; }',
      'request_route { exit; }',
      'route[NAME] { exit; }',
      'route["STR"] { exit; }',
      'route[2] { exit; }',
      'failure_route[FAIL] { exit; }',
      'onreply_route { exit; }',
      'onreply_route[R1] { exit; }',
      'reply_route { exit; }',
      'branch_route[B] { exit; }',
      'onsend_route { exit; }',
      'event_route[tm:branch-failure:NAME] { exit; }',
      'event_route[core:worker-one-init] { exit; }',
    ].join('\n');
    expect(routes(ast(text, 'kamailio')).map((r) => `${r.routeKind}:${r.name ?? ''}`)).toEqual([
      'request:',
      'request:',
      'request:',
      'request:NAME',
      'request:STR',
      'request:2',
      'failure:FAIL',
      'onreply:',
      'onreply:R1',
      'onreply:',
      'branch:B',
      'onsend:',
      'event:tm:branch-failure:NAME',
      'event:core:worker-one-init',
    ]);
  });

  it('reads OpenSIPS error/local/startup/timer routes and event routes with options (R11–R13, R10)', () => {
    const text =
      'error_route { exit; }\nlocal_route { exit; }\nstartup_route { exit; }\ntimer_route[gw_update, 300] { exit; }\nevent_route[E_UL_CONTACT_INSERT, async] { exit; }\n';
    expect(
      routes(ast(text, 'opensips')).map((r) => `${r.routeKind}:${r.name ?? ''}:${(r.args ?? []).join(',')}`),
    ).toEqual(['error::', 'local::', 'startup::', 'timer:gw_update:300', 'event:E_UL_CONTACT_INSERT:async']);
  });

  it('treats SER 0.8 reply_route[N] as failure_route[N] (R4)', () => {
    const r = routes(
      ast('route { t_on_negative("1"); t_relay(); break; }\nreply_route[1] { forward(a.b.c); }\n', 'ser'),
    )[1];
    expect(r).toMatchObject({ keyword: 'reply_route', routeKind: 'failure', name: '1' });
  });
});

describe('§6 statements', () => {
  it('reads if/else, else-if, unbraced bodies and the S08 `};` (A2)', () => {
    const s = statements(
      'if (a()) { b(); } else if (c()) d(); else { e(); };\nif (t_check_trans()) t_relay();',
    );
    expect(s.map((x) => x.kind)).toEqual(['if', 'empty', 'if']);
    const first = s[0];
    expect(first?.kind === 'if' && first.else?.kind).toBe('if');
  });

  it('reads switch with numeric, negative, string and regex cases, default and fall-through (A3)', () => {
    const s = statements(
      'switch ($rc) {\n case -1:\n case -3: a(); break;\n case 2: b();\n case "x": c(); break;\n case /"^re": d(); break;\n default: e();\n}',
    )[0];
    expect(s?.kind).toBe('switch');
    if (s?.kind !== 'switch') return;
    expect(
      s.cases.map((c) => `${c.label ? shape(c.label) : 'default'}${c.regex ? '(re)' : ''}:${c.body.length}`),
    ).toEqual(['-1:0', '-3:2', '2:1', '"x":2', '"^re"(re):2', 'default:1']);
    const brk = s.cases[1]?.body[1] as Break;
    expect(brk.meaning).toBe('leave-switch');
  });

  it('reads while and OpenSIPS for-in loops (A4)', () => {
    const [w] = statements('while ($var(i) < 10) { $var(i) = $var(i) + 1; break; }');
    expect(w?.kind).toBe('while');
    const [f] = statements('for ($var(k) in $(avp(x)[*])) xlog("$var(k)");', 'opensips');
    expect(f).toMatchObject({ kind: 'for', variable: { name: 'var', inner: 'k' } });
  });

  it('reads return/exit/drop forms (A5–A7)', () => {
    const s = statements('return;\nreturn(1);\nreturn -2;\nexit;\nexit(0);\ndrop;\ndrop();');
    expect(s.map((x) => `${x.kind}${'value' in x && x.value ? `:${shape(x.value)}` : ''}`)).toEqual([
      'return',
      'return:1',
      'return:(negate 2)',
      'exit',
      'exit:0',
      'drop',
      'drop',
    ]);
  });

  it('records what `break` means per dialect and place (A8)', () => {
    const meanings = (body: string, d: 'ser' | 'kamailio'): string[] => {
      const out: string[] = [];
      const visit = (x: unknown): void => {
        if (Array.isArray(x)) x.forEach(visit);
        else if (x && typeof x === 'object') {
          const o = x as Record<string, unknown>;
          if (o.kind === 'break') out.push(String(o.meaning));
          Object.values(o).forEach(visit);
        }
      };
      visit(statements(body, d));
      return out;
    };
    expect(meanings('while (1) { break; } break;', 'kamailio')).toEqual(['leave-loop', 'leave-route']);
    expect(meanings('$x = 1; break;', 'ser')).toEqual(['return-zero']);
    expect(meanings('if (method=="ACK") { forward(a.b); break; };', 'ser')).toEqual(['leave-route']);
  });

  it('records `drop` as exit in SER 2 (same token there)', () => {
    expect(statements('$x = 1; drop;', 'ser').map((s) => s.kind)).toEqual(['assign', 'exit']);
    expect(statements('drop;', 'kamailio').map((s) => s.kind)).toEqual(['drop']);
  });

  it('reads assignments with every operator and lvalue form (A9, A10)', () => {
    const s = statements(
      '$var(x) = 1; $(avp(x)[*]) = $null; $avp(i:5) := "a"; $var(n) += 2; $var(n) -= 1; $account = "yes"; $f.did = "d";',
      'opensips',
    );
    expect(s.map((x) => (x.kind === 'assign' ? `${x.target.text}${x.op}` : x.kind))).toEqual([
      '$var(x)=',
      '$(avp(x)[*])=',
      '$avp(i:5):=',
      '$var(n)+=',
      '$var(n)-=',
      '$account=',
      '$f.did=',
    ]);
  });

  it('reads route(X) with ID, number, string and dynamic targets (A11)', () => {
    const s = statements('route(REQINIT); route(1); route("S"); route($var(r)); route("X" + $rU);');
    expect(
      s.map((x) => (x.kind === 'route-call' ? (x.name ?? `dyn:${shape(x.dynamic as Expr)}`) : x.kind)),
    ).toEqual(['REQINIT', '1', 'S', 'dyn:$var(r)', 'dyn:("X" add $rU)']);
  });

  it('reads OpenSIPS 3 route(name, args)', () => {
    const [s] = statements('route(relay, "a", 1);', 'opensips');
    expect(s).toMatchObject({
      kind: 'route-call',
      name: 'relay',
      args: [{ kind: 'string' }, { kind: 'int' }],
    });
  });

  it('reads calls with 0..6 params, bare core commands and OpenSIPS empty params (A12, A13)', () => {
    const s = statements(
      'f(); g(1, "a", $x, 2 + 3, yes, h.i); force_rport; six(1,2,3,4,5,6); forward(uri:host, uri:port);',
    ) as Call[];
    expect(s.map((c) => `${c.name}/${c.args.length}${c.parens ? '' : '!'}`)).toEqual([
      'f/0',
      'g/6',
      'force_rport/0!',
      'six/6',
      'forward/2',
    ]);
    expect(s[4]?.args.map(shape)).toEqual(['uri:host', 'uri:port']);
    const [o] = statements('f("a",,"c");', 'opensips') as Call[];
    expect(o?.args.map((a) => a.kind)).toEqual(['string', 'word', 'string']);
  });

  it('reads blocks as statements and directives inside blocks (A14, A15)', () => {
    const s = routes(ast('#!define X 1\nroute {\n { a(); }\n#!ifdef X\n b();\n#!endif\n}\n'))[0]?.body.body;
    expect(s?.map((x) => x.kind)).toEqual(['block', 'call']);
  });

  it('reports every syntax error of a file in one run', () => {
    const r = parse('route {\n  a()\n  b(;\n}\nroute[X] {\n  $x = ;\n}\n');
    expect(errors(r).length).toBeGreaterThanOrEqual(3);
    expect(new Set(errors(r).map((e) => e.range.startLine)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('§7 expressions', () => {
  it('follows the Kamailio 3+ precedence table (bitwise looser than comparison, ^ tighter than &)', () => {
    expect(shape(condition('$a == 1 | $b == 2'))).toBe('(($a eq 1) bitwise-or ($b eq 2))');
    expect(shape(condition('$a & $b ^ $c'))).toBe('($a bitwise-and ($b bitwise-xor $c))');
    expect(shape(condition('$a + $b * $c mod 2'))).toBe('($a add (($b mul $c) mod 2))');
    expect(shape(condition('$a || $b && $c'))).toBe('($a logical-or ($b logical-and $c))');
    expect(shape(condition('$a < 1 == $b > 2'))).toBe('(($a lt 1) eq ($b gt 2))');
    expect(shape(condition('1 << 2 >> 3'))).toBe('(1 shift-left (2 shift-right 3))');
    expect(shape(condition('$a eq "x" or $b ine 2 and not $c'))).toBe(
      '(($a str-eq "x") logical-or (($b int-ne 2) logical-and (logical-not $c)))',
    );
  });

  it('binds `!` tightest in Kamailio 3+ but over the whole comparison in SER 2 and OpenSIPS (E10)', () => {
    expect(shape(condition('!$x == 1', 'kamailio'))).toBe('((logical-not $x) eq 1)');
    expect(shape(condition('!$x == 1 && $y', 'ser'))).toBe('((logical-not ($x eq 1)) logical-and $y)');
    expect(shape(condition('!$x == 1 && $y', 'opensips'))).toBe('((logical-not ($x eq 1)) logical-and $y)');
    const k1 = routes(ast('route { if (!$x == 1) exit; }\n', 'kamailio'))[0]?.body.body[0];
    expect(k1?.kind === 'if' && shape(k1.condition)).toBe('(logical-not ($x eq 1))');
  });

  it('keeps keyword comparisons atomic under `!` everywhere', () => {
    expect(shape(condition('!uri==myself', 'kamailio'))).toBe('(logical-not (uri eq myself))');
    expect(shape(condition('!method=="REGISTER"', 'ser'))).toBe('(logical-not (method eq "REGISTER"))');
  });

  it('gives & and | their SER 0.8 logical meaning', () => {
    const d =
      'route {\n if (method=="INVITE" & uri==myself | src_ip==1.2.3.4) { forward(a.b); break; };\n}\n';
    const s = routes(ast(d, 'ser'))[0]?.body.body[0];
    expect(s?.kind === 'if' && shape(s.condition)).toBe(
      '(((method eq "INVITE") logical-and (uri eq myself)) logical-or (src_ip eq 1.2.3.4))',
    );
  });

  it('uses OpenSIPS precedence with % as modulo and [ ] arithmetic', () => {
    expect(shape(condition('$a + $b % 3 == 1', 'opensips'))).toBe('(($a add ($b mod 3)) eq 1)');
    expect(shape(condition('[$var(a) & 4] && $b', 'opensips'))).toBe(
      '(($var(a) bitwise-and 4) logical-and $b)',
    );
  });

  it('reads keyword operands, unquoted words, IP nets and msg:len (E3, P8)', () => {
    expect(shape(condition('method == CANCEL'))).toBe('(method eq CANCEL)');
    expect(shape(condition('src_ip == 10.0.0.0/8'))).toBe('(src_ip eq 10.0.0.0/8)');
    expect(shape(condition('src_ip == 192.168.1.0/255.255.255.0'))).toBe(
      '(src_ip eq 192.168.1.0/255.255.255.0)',
    );
    expect(shape(condition('dst_ip == [2001:db8::1]'))).toBe('(dst_ip eq 2001:db8::1)');
    expect(shape(condition('msg:len >= 4096'))).toBe('(msg:len ge 4096)');
    expect(shape(condition('src_ip == host.example.com'))).toBe('(src_ip eq host.example.com)');
    expect(shape(condition('status =~ "18[0-9]"'))).toBe('(status match "18[0-9]")');
  });

  it('reads casts, defined, strlen, strempty, selval (E11–E14)', () => {
    expect(shape(condition('(int)$x + 1'))).toBe('((int $x) add 1)');
    expect(shape(condition('defined $avp(x) && !defined $var(y)'))).toBe(
      '((defined $avp(x)) logical-and (logical-not (defined $var(y))))',
    );
    expect(condition('strlen($rU) > 3')).toMatchObject({ kind: 'binary', left: { kind: 'strlen' } });
    expect(condition('strempty(@to.tag)')).toMatchObject({
      kind: 'strempty',
      operand: { kind: 'pv', form: 'select', name: 'to.tag' },
    });
    expect(condition('selval($x, 1, 2)')).toMatchObject({ kind: 'selval' });
  });

  it('reads calls and route() as conditions (E1, E2)', () => {
    expect(condition('!t_check_trans()')).toMatchObject({
      kind: 'unary',
      operand: { kind: 'call-expr', call: { name: 't_check_trans' } },
    });
    expect(condition('route(R) == -2')).toMatchObject({
      kind: 'binary',
      left: { kind: 'route-call-expr', call: { name: 'R' } },
    });
  });

  it('reads integer literals (hex, octal, binary), booleans and escapes in strings (L4, L7, L8)', () => {
    expect(condition('0x1F')).toMatchObject({ kind: 'int', value: 31, text: '0x1F' });
    expect(condition('017')).toMatchObject({ kind: 'int', value: 15 });
    expect(condition('101b')).toMatchObject({ kind: 'int', value: 5 });
    expect(condition('off')).toMatchObject({ kind: 'int', value: 0, text: 'off' });
    expect(condition('"a\\tb\\x41\\101\\1\\q"')).toMatchObject({ kind: 'string', value: 'a\tbAA\\1\\q' });
    expect(condition("'raw\\n'")).toMatchObject({ kind: 'string', value: 'raw\\n' });
  });

  it('joins adjacent strings (L5) and keeps the original text', () => {
    expect(condition('"abc" "def"')).toMatchObject({ kind: 'string', value: 'abcdef', text: '"abc"' });
  });

  it('reads PV structure: name, inner, index, transforms, form', () => {
    expect(condition('$(hdr(Via)[1]{s.len})')).toMatchObject({
      kind: 'pv',
      name: 'hdr',
      inner: 'Via',
      index: '1',
      transforms: ['s.len'],
      form: 'pv',
    });
    expect(condition('$avp(i:80)')).toMatchObject({ name: 'avp', inner: 'i:80', form: 'avp' });
    expect(condition('$fu.uid')).toMatchObject({ name: 'uid', attrClass: 'fu', form: 'ser-attr' });
    expect(condition('%account')).toMatchObject({ name: 'account', form: 'ser-attr' });
  });

  it('treats OpenSIPS NULL as a null literal', () => {
    expect(condition('$avp(x) != NULL', 'opensips')).toMatchObject({ right: { kind: 'null' } });
  });
});

describe('S0: the 2001 rule table', () => {
  it('reads method/uri regexes and host[:port]', () => {
    const r = ast('# comment\n^R.*   ^sip:.*@dorian.*   ekina.fokus.gmd.de\n.  .  192.168.46.55:5070  # x\n');
    expect(r.dialect.era).toBe('S0');
    expect(r.items).toEqual([
      expect.objectContaining({
        kind: 'rule',
        method: '^R.*',
        uri: '^sip:.*@dorian.*',
        host: 'ekina.fokus.gmd.de',
      }),
      expect.objectContaining({ kind: 'rule', method: '.', uri: '.', host: '192.168.46.55', port: 5070 }),
    ]);
  });
});

describe('dialect detection', () => {
  it('uses the header line, constructs, and the --dialect override', () => {
    expect(parse('#!KAMAILIO\nroute { exit; }\n').dialect).toMatchObject({
      family: 'kamailio',
      era: 'K3',
      pvMode: 'kamailio',
    });
    expect(parse('#!SER\nroute { exit; }\n').dialect).toMatchObject({ family: 'ser', pvMode: 'ser' });
    expect(parse('route { if (method=="INVITE") { forward(a.b); break; }; }\n', 'ser').dialect?.era).toBe(
      'S08',
    );
    expect(
      parse('# OpenSIPS config\nstartup_route { exit; }\nroute { $var(x) := 1; }\n').dialect,
    ).toMatchObject({ family: 'opensips', era: 'O3' });
    expect(parse('#!KAMAILIO\nroute { exit; }\n', 'opensips').dialect?.family).toBe('opensips');
    expect(parse('# OpenSER 1.3\nroute { $var(x) += 1; t_relay(); }\n').dialect).toMatchObject({
      family: 'kamailio',
      era: 'K1',
    });
    expect(parse('# opensips\nroute { if (is_myself("$rd")) exit; }\n').dialect).toMatchObject({
      family: 'opensips',
      era: 'O1',
    });
  });
});

describe('dialect-specific rules', () => {
  const codesOf = (text: string, dialect: 'ser' | 'kamailio' | 'opensips'): string[] =>
    parse(text, dialect).diagnostics.map((d) => `${d.severity}:${d.code}`);

  it('rejects compound assignments outside OpenSIPS/OpenSER 1.x (A10)', () => {
    expect(codesOf('#!KAMAILIO\nroute { $var(x) += 1; }\n', 'kamailio')).toEqual(['error:SERC1207']);
    expect(codesOf('route { $var(x) += 1; $avp(a) := 2; }\n', 'opensips')).toEqual([]);
  });

  it('rejects !~ outside OpenSIPS (L14)', () => {
    expect(codesOf('#!KAMAILIO\nroute { if ($rU !~ "a") exit; }\n', 'kamailio')).toEqual(['error:SERC1207']);
    expect(codesOf('route { if ($rU !~ "a") exit; }\n', 'opensips')).toEqual([]);
  });

  it('limits Kamailio module calls to 6 parameters (A13)', () => {
    expect(codesOf('route { f(1,2,3,4,5,6,7); }\n', 'kamailio')).toEqual(['error:SERC1204']);
  });

  it('rejects empty route blocks (R14) and, except in OpenSIPS, empty if bodies', () => {
    expect(codesOf('route[X] { }\nroute { if (1) {} ; }\n', 'kamailio')).toEqual([
      'error:SERC1202',
      'error:SERC1208',
    ]);
    expect(codesOf('route[X] { ; }\n', 'kamailio')).toEqual([]);
    expect(codesOf('route { if (1) {} else { exit; } }\n', 'opensips')).toEqual([]);
  });

  it('rejects what Kamailio reads as a call without parentheses, and name case labels', () => {
    expect(codesOf('#!KAMAILIO\nroute { if (a) exit; }\n', 'kamailio')).toEqual(['error:SERC1201']);
    expect(codesOf('#!KAMAILIO\nroute { switch ($var(x)) { case FOO: exit; } }\n', 'kamailio')).toEqual([
      'error:SERC1201',
    ]);
  });

  it('accepts the 2001 SER forms with warnings only: guards without if, missing ; at line end', () => {
    const r = parse(
      'route {\n src_ip==10.0.0.0/8 log("a\\n"); drop\n (method=~"^INV") \\\n   forward(a.b.c);\n}\n',
      'ser',
    );
    expect(errors(r)).toEqual([]);
    const s = routes(r.ast!)[0]?.body.body;
    expect(s?.map((x) => x.kind)).toEqual(['if', 'if']);
    const first = s?.[0];
    expect(first?.kind === 'if' && first.then.kind === 'block' && first.then.body.map((x) => x.kind)).toEqual(
      ['call', 'drop'],
    );
  });

  it('recovers from an unclosed block before the next route block with a warning', () => {
    const r = parse('route {\n if (a()) {\n  b();\n}\nfailure_route[F] { exit; }\n', 'kamailio');
    expect(r.diagnostics.map((d) => `${d.severity}:${d.code}`)).toEqual(['warning:SERC1206']);
    expect(routes(r.ast!).map((x) => x.routeKind)).toEqual(['request', 'failure']);
  });
});

describe('more top-level and statement forms', () => {
  it('reads `cfgengine "native"` without `=` (T9) and coreparam["x"] = v (T10)', () => {
    expect(items('cfgengine "native"\ncoreparam["tcp_x"] = 3\n')).toEqual([
      expect.objectContaining({
        kind: 'param',
        name: 'cfgengine',
        value: expect.objectContaining({ value: 'native' }),
      }),
      expect.objectContaining({
        kind: 'param',
        name: 'coreparam["tcp_x"]',
        value: expect.objectContaining({ value: 3 }),
      }),
    ]);
  });

  it('reads OpenSIPS 3 return(code, values…) but keeps return ($x) * 2 an expression', () => {
    const [a, b] = statements('return(1, $var(a), "x");\nreturn ($var(x)) * 2;', 'opensips');
    expect(a).toMatchObject({
      kind: 'return',
      value: { kind: 'int', value: 1 },
      extra: [{ kind: 'pv' }, { kind: 'string' }],
    });
    expect(b?.kind === 'return' && b.value && shape(b.value)).toBe('($var(x) mul 2)');
  });
});

describe('Kamailio 6 socket blocks', () => {
  it('reads socket = { bind = …; advertise = …; name = …; } as a listen item (T2)', () => {
    const [s, l] = items(
      'socket = {\n  bind = udp:10.0.0.1:5060;\n  advertise = 1.2.3.4:5080;\n  name = "s1";\n}\nlisten=udp:1.2.3.4 virtual\n',
    );
    expect(s).toMatchObject({
      kind: 'listen',
      keyword: 'socket',
      addresses: [{ proto: 'udp', host: '10.0.0.1', port: '5060' }],
      advertise: { host: '1.2.3.4', port: '5080' },
      name: 's1',
      virtual: false,
    });
    expect(l).toMatchObject({ kind: 'listen', virtual: true });
  });
});

describe('host names', () => {
  it('reads a-b.example.com without spaces as one host name (L13), a - b as a subtraction', () => {
    expect(shape(condition('src_ip == sip-gw.example.com'))).toBe('(src_ip eq sip-gw.example.com)');
    expect(shape(condition('$x == a - b'))).toBe('($x eq (a sub b))');
    const [c] = statements('forward(my-proxy.example.com, 5060);') as Call[];
    expect(c?.args.map(shape)).toEqual(['my-proxy.example.com', '5060']);
  });
});
