// Module-independent checks of `serc check` (issue 2).
import { describe, expect, it } from 'vitest';
import { checkScript, regexProblem } from '../../compiler/check.js';
import type { Diagnostic } from '../../compiler/diagnostics.js';
import { ast } from './helpers.js';

function check(text: string, dialect: 'ser' | 'kamailio' | 'opensips' = 'kamailio'): Diagnostic[] {
  return checkScript(ast(text, dialect));
}

function codes(text: string, dialect: 'ser' | 'kamailio' | 'opensips' = 'kamailio'): string[] {
  return check(text, dialect).map((d) => `${d.code}@${d.range.startLine}`);
}

describe('serc check', () => {
  it('accepts a clean script', () => {
    expect(
      codes(
        'route { route(A); t_on_failure("F"); t_relay(); }\nroute[A] { return; }\nfailure_route[F] { exit; }\n',
      ),
    ).toEqual([]);
  });

  it('reports duplicate route blocks with the first definition', () => {
    const d = check(
      'route { exit; }\nroute[A] { exit; }\nroute[A] { exit; }\nroute[0] { exit; }\nfailure_route[A] { exit; }\n',
    );
    expect(d.map((x) => `${x.code}@${x.range.startLine}`)).toEqual(['SERC2001@3', 'SERC2001@4']);
    expect(d[0]?.secondary?.[0]).toMatchObject({ label: 'first defined here', range: { startLine: 2 } });
  });

  it('reports route(X) naming a missing block, with a suggestion', () => {
    const d = check('route { route(RELAI); route(1); }\nroute[RELAY] { exit; }\nroute[1] { exit; }\n');
    expect(d.map((x) => x.code)).toEqual(['SERC2002']);
    expect(d[0]?.hint).toContain('"RELAY"');
    expect(d[0]?.range.startColumn).toBe(15);
  });

  it('checks route() used in a condition too', () => {
    expect(codes('route { if (route(NOPE)) exit; }\n')).toEqual(['SERC2002@1']);
  });

  it('reports t_on_failure / t_on_reply / t_on_branch / t_on_branch_failure naming missing blocks', () => {
    const text = [
      'route { t_on_failure("F"); t_on_reply("R"); t_on_branch("B"); t_on_branch_failure("BF"); t_on_failure("$var(x)"); t_relay(); }',
      'failure_route[F] { exit; }',
      'onreply_route[R2] { exit; }',
    ].join('\n');
    expect(codes(text)).toEqual(['SERC2003@1', 'SERC2003@1', 'SERC2003@1']);
    expect(
      codes('route { t_on_branch_failure("X"); }\nevent_route[tm:branch-failure:X] { exit; }\n'),
    ).toEqual([]);
  });

  it('reports invalid regular expressions in =~, !~ and regex cases', () => {
    expect(codes('route { if ($rU =~ "^(\\+|00") exit; if ($rU =~ "[[:digit:]]+") exit; }\n')).toEqual([
      'SERC2004@1',
    ]);
    expect(codes('route { switch ($rU) { case /"(": exit; default: exit; } }\n')).toEqual(['SERC2004@1']);
    expect(regexProblem('^(183)|(2[0-9][0-9])')).toBeUndefined();
    expect(regexProblem('a[')).toBeDefined();
  });

  it('warns about statements after exit/drop/return/break in the same block', () => {
    const d = check('route {\n  if (a()) {\n    exit;\n    xlog("never");\n  }\n  return;\n  ;\n}\n');
    expect(d.map((x) => `${x.severity}:${x.code}@${x.range.startLine}`)).toEqual(['warning:SERC2005@4']);
  });

  it('reports a module loaded twice', () => {
    expect(
      codes('loadmodule "tm.so"\nloadmodule "/usr/lib/kamailio/modules/tm.so"\nroute { exit; }\n'),
    ).toEqual(['SERC2006@2']);
  });
});

describe('serc check: route block restrictions', () => {
  it('accepts snd_ip only in onsend_route', () => {
    expect(
      codes('route { if (snd_ip==1.2.3.4) exit; }\nonsend_route { if (snd_port==5060) drop; }\n'),
    ).toEqual(['SERC2007@1']);
  });

  it('rejects route() in onsend_route (kamailio/kamailio#4130)', () => {
    expect(codes('route { exit; }\nroute[X] { exit; }\nonsend_route { if (1) route(X); }\n')).toEqual([
      'SERC2007@3',
    ]);
  });
});

describe('serc check: constant types (Kamailio 3+)', () => {
  it('reports operands whose constant type Kamailio rejects while loading the script', () => {
    const d = check(
      '#!KAMAILIO\nroute {\n  $var(x) = 1 + "20";\n  $var(y) = "a" + 1;\n  if ("1" ieq 1 || -"a") exit;\n}\n',
    );
    expect(d.map((x) => `${x.code}@${x.range.startLine}:${x.range.startColumn} ${x.message}`)).toEqual([
      'SERC2008@3:17 type mismatch: str instead of int',
      'SERC2008@5:7 type mismatch: str instead of int',
      'SERC2008@5:21 type mismatch: str instead of int',
    ]);
  });

  it('leaves other dialects and dynamic operands alone', () => {
    expect(codes('route { $var(x) = 1 + "20"; }\n', 'opensips')).toEqual([]);
    expect(codes('#!KAMAILIO\nroute { $var(x) = $var(y) + "20" - $var(z); }\n')).toEqual([]);
  });
});
