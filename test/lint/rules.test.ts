// Every rule fires on its documented bad example and stays silent on the good one; then the
// details each rule promises (hints, call chains, define-built names, dialect units).
import { describe, expect, it } from 'vitest';
import { parseText } from '../../compiler/frontend.js';
import { RULES, findRule } from '../../compiler/lint/rules/index.js';
import { checkProgram, compileBlockers } from '../../compiler/lint/run.js';
import { codes, lintText } from './helpers.js';

describe('each rule on its own examples', () => {
  for (const rule of RULES) {
    it(`${rule.code} ${rule.id} fires on the bad example`, () => {
      expect(codes(lintText(rule.example.bad))).toContain(rule.code);
    });
    it(`${rule.code} ${rule.id} is silent on the good example`, () => {
      expect(codes(lintText(rule.example.good))).not.toContain(rule.code);
    });
  }
});

describe('rule registry', () => {
  it('has unique codes and ids, and finds rules by either', () => {
    expect(new Set(RULES.map((r) => r.code)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(findRule('unknown-function')?.code).toBe('SERC3004');
    expect(findRule('SERC3004')?.id).toBe('unknown-function');
  });
});

const K = '#!KAMAILIO\nloadmodule "tm.so"\nloadmodule "sl.so"\nloadmodule "xlog.so"\n';

describe('names', () => {
  it('suggests the closest function for a typo', () => {
    const d = lintText(`${K}request_route { sl_send_replay("200", "OK"); }`).find(
      (x) => x.code === 'SERC3004',
    );
    expect(d?.hint).toContain('sl_send_reply');
    expect(d?.severity).toBe('error');
  });

  it('resolves route names built from #!define', () => {
    const bad = lintText(
      `${K}#!define R_AUTH "AUTHX"\nrequest_route { route(R_AUTH); }\nroute[AUTH] { return; }`,
    );
    expect(codes(bad)).toContain('SERC2002');
    const good = lintText(
      `${K}#!define R_AUTH "AUTH"\nrequest_route { route(R_AUTH); }\nroute[AUTH] { return; }`,
    );
    expect(codes(good)).not.toContain('SERC2002');
  });

  it('knows a module by name whatever its path', () => {
    const d = lintText(`${K}loadmodule "/usr/lib/kamailio/modules/registar.so"\nrequest_route { exit; }`);
    const u = d.find((x) => x.code === 'SERC3002');
    expect(u?.message).toContain('registar');
    expect(u?.hint).toContain('registrar');
  });

  it('says which arities a function accepts', () => {
    const d = lintText(`${K}request_route { sl_send_reply("200"); }`).find((x) => x.code === 'SERC3005');
    expect(d?.message).toMatch(/sl_send_reply\(\) takes 2 parameters, not 1/);
  });
});

describe('types', () => {
  it('reports a wrong modparam type at the value', () => {
    const d = lintText(`${K}modparam("tm", "fr_timer", "ten")\nrequest_route { exit; }`).find(
      (x) => x.code === 'SERC3101',
    );
    expect(d?.range.startLine).toBe(5);
    expect(d?.range.startColumn).toBe(28);
  });

  it('accepts a numeric string for an integer modparam', () => {
    expect(codes(lintText(`${K}modparam("tm", "fr_timer", "10000")\nrequest_route { exit; }`))).not.toContain(
      'SERC3101',
    );
  });

  it('checks pseudo-variables inside xlog formats and points inside the string', () => {
    const d = lintText(`${K}request_route { xlog("L_INFO", "user $fuu"); }`).find(
      (x) => x.code === 'SERC3106',
    );
    expect(d?.message).toContain('$fuu');
    expect(d?.range.startColumn).toBe(38);
  });

  it('reports writes to read-only variables but not to writable ones', () => {
    expect(codes(lintText(`${K}request_route { $ci = "x"; }`))).toContain('SERC3107');
    expect(codes(lintText(`${K}request_route { $ru = "sip:a@b"; $var(x) = 1; }`))).not.toContain('SERC3107');
  });

  it('validates regex parameters as POSIX ERE', () => {
    const loaded = '#!KAMAILIO\nloadmodule "textops.so"\n';
    expect(codes(lintText(`${loaded}request_route { if (search("a(b")) exit; }`))).toContain('SERC2004');
    expect(codes(lintText(`${loaded}request_route { if (search("a\\\\(b")) exit; }`))).not.toContain(
      'SERC2004',
    );
  });
});

describe('flow', () => {
  const chain =
    `${K}request_route { t_on_failure("F"); t_relay(); }\n` +
    'failure_route[F] { route(A); }\nroute[A] { route(B); }\nroute[B] { sl_send_reply("500", "x"); }';

  it('follows route() chains from a failure_route and shows the chain', () => {
    const d = lintText(chain).find((x) => x.code === 'SERC3201');
    expect(d?.range.startLine).toBe(8);
    expect(d?.message).toContain('failure_route[F]');
    expect(d?.secondary?.map((s) => s.range.startLine)).toEqual([6, 7]);
  });

  it('is an error directly in the block', () => {
    const d = lintText(
      `${K}request_route { t_on_failure("F"); t_relay(); }\nfailure_route[F] { sl_send_reply("500", "x"); }`,
    );
    expect(d.find((x) => x.code === 'SERC3201')?.severity).toBe('error');
  });

  it('allows the same sub-route when only request routes call it', () => {
    const d = lintText(`${K}request_route { route(A); }\nroute[A] { sl_send_reply("500", "x"); }`);
    expect(codes(d)).not.toContain('SERC3201');
  });

  it('reads timer units per dialect', () => {
    const k3 = lintText(
      '#!KAMAILIO\nloadmodule "tm.so"\nmodparam("tm", "fr_timer", 30)\nrequest_route { exit; }',
    );
    expect(codes(k3)).toContain('SERC3205');
    const o = lintText(
      '# OpenSIPS\nloadmodule "tm.so"\nmodparam("tm", "fr_timer", 30)\nroute { exit; }\nstartup_route { exit; }',
    );
    expect(codes(o)).not.toContain('SERC3205');
    const oMs = lintText(
      '# OpenSIPS\nloadmodule "tm.so"\nmodparam("tm", "fr_timer", 30000)\nroute { exit; }\nstartup_route { exit; }',
    );
    expect(codes(oMs)).toContain('SERC3205');
  });

  it('notes a $var read before any write, following route() calls', () => {
    const written = lintText(
      `${K}request_route { $var(n) = 1; route(A); }\nroute[A] { if ($var(n) == 1) exit; }`,
    );
    expect(codes(written)).not.toContain('SERC3204');
    const unwritten = lintText(
      `${K}request_route { route(A); $var(n) = 1; }\nroute[A] { if ($var(n) == 1) exit; }`,
    );
    const d = unwritten.find((x) => x.code === 'SERC3204');
    expect(d?.severity).toBe('note');
    expect(d?.range.startLine).toBe(6);
  });
});

describe('modules serc does not implement', () => {
  it('reports one diagnostic per module at its first use', () => {
    const d = lintText(
      '#!KAMAILIO\nloadmodule "auth_db.so"\nrequest_route {\n if (!www_authorize("", "subscriber")) exit;\n if (!proxy_authorize("", "subscriber")) exit;\n}',
    ).filter((x) => x.code === 'SERC3301');
    expect(d).toHaveLength(1);
    expect(d[0]?.range.startLine).toBe(4);
    expect(d[0]?.message).toContain('linted but not compiled');
  });
});

describe('checkProgram and compileBlockers', () => {
  it('accepts rule ids in suppression comments', () => {
    const text = `${K}request_route {\n  # serc-disable-next-line unknown-function\n  sl_send_replay("200", "OK");\n}`;
    expect(codes(lintText(text))).not.toContain('SERC3004');
  });

  it('applies configured severities and turns rules off', () => {
    const text = `${K}request_route { exit; }\nroute[OLD] { exit; }`;
    expect(
      lintText(text, { rules: { SERC3001: 'error' } }).find((d) => d.code === 'SERC3001')?.severity,
    ).toBe('error');
    expect(codes(lintText(text, { rules: { SERC3001: 'off' } }))).not.toContain('SERC3001');
  });

  it('lists what the runtime lacks as errors, once per name, and nothing for a compilable script', () => {
    const blocked = parseText(
      '#!KAMAILIO\nloadmodule "sl.so"\nloadmodule "auth_db.so"\nloadmodule "frobnicate.so"\nrequest_route {\n if (!www_authorize("", "subscriber")) exit;\n if (!www_authorize("", "subscriber")) exit;\n zzz_unknown_fn();\n}',
      'b.cfg',
    );
    const model = checkProgram(blocked).model;
    if (!model) throw new Error('no model');
    const blockers = compileBlockers(model, blocked);
    expect(blockers.map((d) => `${d.code}:${d.range.startLine}:${d.severity}`)).toEqual([
      'SERC3002:4:error',
      'SERC3301:6:error',
      'SERC3004:8:error',
    ]);
    const fine = parseText(CLEAN_K, 'ok.cfg');
    const okModel = checkProgram(fine).model;
    if (!okModel) throw new Error('no model');
    expect(compileBlockers(okModel, fine)).toEqual([]);
  });
});

const CLEAN_K = `${K}request_route { sl_send_reply("200", "OK"); }`;
