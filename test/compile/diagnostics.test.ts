// Issue 5 must-show: mistakes give a diagnostic at the right .cfg line — through `serc compile`
// (the checker speaks first) and through the type-check of the generated code itself (the route
// types and modparam types live in the TypeScript, mapped back with the source map).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../compiler/frontend.js';
import { compileScript, generateTypeScript } from '../../compiler/pipeline.js';
import { ScratchDir, lineOf } from './helpers.js';

const scratch = new ScratchDir();
afterAll(() => scratch.dispose());

const HEAD = `#!KAMAILIO
loadmodule "sl.so"
loadmodule "tm.so"
loadmodule "msilo.so"
`;

const BAD_MODPARAM = `${HEAD}modparam("tm", "fr_timer", "ten")
request_route {
  sl_send_reply("200", "OK");
}
`;

const REQUEST_ONLY_IN_FAILURE = `${HEAD}request_route {
  t_on_failure("F");
  t_relay();
}
failure_route[F] {
  m_dump();
}
`;

const UNKNOWN_FUNCTION = `${HEAD}request_route {
  sl_send_reply("200", "OK");
  frobnicate("x");
}
`;

function errorsOf(
  diags: readonly { severity: string; code: string; message: string; range: { startLine: number } }[],
) {
  return diags.filter((d) => d.severity === 'error');
}

describe('serc compile stops with a diagnostic at the right line', () => {
  it.each([
    ['a wrong modparam type', 'modparam.cfg', BAD_MODPARAM, 'modparam("tm"', /fr_timer/],
    [
      'a request-only function in failure_route',
      'failure.cfg',
      REQUEST_ONLY_IN_FAILURE,
      'm_dump()',
      /m_dump/,
    ],
    ['an unknown function', 'unknown.cfg', UNKNOWN_FUNCTION, 'frobnicate', /frobnicate/],
  ])(
    '%s',
    async (_what, file, text, needle, mentions) => {
      const path = scratch.write(file, text);
      const result = await compileScript(path);
      expect(result.exitCode).toBe(1);
      expect(result.files).toEqual([]);
      const errors = errorsOf(result.diagnostics);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]?.range.startLine).toBe(lineOf(text, needle));
      expect(errors[0]?.message).toMatch(mentions);
    },
    60_000,
  );
});

describe('the type-check of the generated code maps its errors to the .cfg', () => {
  function typecheckOnly(file: string, text: string) {
    const path = scratch.write(file, text);
    const fe = parseFile(path);
    if (!fe.ast) throw new Error('no AST');
    return generateTypeScript(fe.ast, path, file.replace(/\.cfg$/, ''));
  }

  it('a request-only function in failure_route is a type error at its call', () => {
    const gen = typecheckOnly('failure-ts.cfg', REQUEST_ONLY_IN_FAILURE);
    const errors = errorsOf(gen.diagnostics);
    expect(errors.map((d) => [d.code, d.range.startLine])).toEqual([
      ['SERC5101', lineOf(REQUEST_ONLY_IN_FAILURE, 'm_dump()')],
    ]);
    expect(errors[0]?.message).toBe('m_dump() cannot be used in a failure route; it is allowed in: request');
  }, 60_000);

  it('a wrong modparam type is a type error at the modparam', () => {
    const gen = typecheckOnly('modparam-ts.cfg', BAD_MODPARAM);
    const errors = errorsOf(gen.diagnostics);
    expect(errors.map((d) => [d.code, d.range.startLine, d.message])).toEqual([
      ['SERC5102', lineOf(BAD_MODPARAM, 'modparam("tm"'), 'modparam("tm", "fr_timer") expects an integer'],
    ]);
  }, 60_000);

  it('an unknown function stops the generator at its name', () => {
    const gen = typecheckOnly('unknown-ts.cfg', UNKNOWN_FUNCTION);
    expect(errorsOf(gen.diagnostics).map((d) => [d.code, d.range.startLine])).toEqual([
      ['SERC5002', lineOf(UNKNOWN_FUNCTION, 'frobnicate')],
    ]);
  }, 60_000);

  it('maps every generated statement line to the .cfg line its marker names', () => {
    const cfg = readFileSync('configs/msilo-opensips.cfg', 'utf8');
    const fe = parseFile('configs/msilo-opensips.cfg');
    if (!fe.ast) throw new Error('no AST');
    const gen = generateTypeScript(fe.ast, 'configs/msilo-opensips.cfg', 'msilo-opensips');
    const lines = gen.text.split('\n');
    const store = lines.findIndex((l) => l.includes('fn_m_store(ctx, fmt_') && l.includes('callCond'));
    expect(gen.map.lines[store]?.startLine).toBe(lineOf(cfg, 'm_store("$ru")'));
    lines.forEach((l, i) => {
      const m = /^\s*\/\/ msilo-opensips\.cfg:(\d+)$/.exec(l);
      if (m) expect(gen.map.lines[i + 1]?.startLine).toBe(Number(m[1]));
    });
  }, 60_000);
});

describe('scripts that need what the runtime lacks', () => {
  it.each(['kamailio-3.1-default', 'ser-3.x-default'])(
    '%s.cfg stops with one error per missing module or function, and nothing else',
    async (name) => {
      const result = await compileScript(`configs/${name}.cfg`);
      expect(result.exitCode).toBe(1);
      expect(result.files).toEqual([]);
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
      expect(
        result.diagnostics.every((d) => /not implemented by serc|does not implement/.test(d.message)),
      ).toBe(true);
      const names = result.diagnostics.map((d) => /^(?:module )?([\w.]+)/.exec(d.message)?.[1]);
      expect(new Set(names).size).toBe(names.length);
    },
    60_000,
  );
});

describe('the SER 2001 rule table', () => {
  it('compiles to one request route that tests the rules in order and forwards on the first match', async () => {
    const result = await compileScript('configs/ser-first.cfg', { emit: 'ts' });
    expect(errorsOf(result.diagnostics)).toEqual([]);
    expect(result.exitCode).toBe(0);
    const ts = result.typescript ?? '';
    const cfg = readFileSync('configs/ser-first.cfg', 'utf8');
    const forwards = [...ts.matchAll(/fn_forward\(ctx, "([^"]+)", (\d+)\)/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(forwards).toEqual([
      'ekina.fokus.gmd.de:5060',
      'ape:5060',
      '192.168.46.55:5060',
      'helios.fokus.gmd.de:5060',
    ]);
    // Each rule's test is preceded by the marker of its .cfg line.
    const lines = ts.split('\n');
    const firstTest = lines.findIndex((l) => l.includes('ctx.msg.method'));
    expect(lines[firstTest - 1]?.trim()).toBe(`// ser-first.cfg:${lineOf(cfg, 'dorian')}`);
  }, 60_000);
});
