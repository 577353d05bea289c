// The bound semantic model the linter and the code generator share: calls resolved with their
// overload, route references with targets, the route() call graph and the route types each
// sub-route runs in.
import { describe, expect, it } from 'vitest';
import { bindProgram, callChain, routeLabel } from '../../compiler/bind.js';
import { parseText } from '../../compiler/frontend.js';

function bind(text: string) {
  const fe = parseText(text, 'm.cfg');
  if (!fe.ast) throw new Error('no AST');
  return bindProgram(fe.ast);
}

const SCRIPT = [
  '#!KAMAILIO',
  'loadmodule "tm.so"',
  'loadmodule "sl.so"',
  'loadmodule "auth_db.so"',
  'modparam("tm", "fr_timer", 30000)',
  'request_route {',
  '  route(CHECK);',
  '  t_on_failure("MISSED");',
  '  t_relay();',
  '}',
  'failure_route[MISSED] { route(CHECK); }',
  'route[CHECK] { route(DEEP); }',
  'route[DEEP] { sl_send_reply("500", "x"); www_authorize("", "subscriber"); }',
  'route[ALONE] { exit; }',
].join('\n');

describe('bindProgram', () => {
  const model = bind(SCRIPT);
  const route = (name: string) => model.routes.find((r) => r.name === name);

  it('resolves calls with their module and overload', () => {
    const reply = model.calls.find((b) => b.call.name === 'sl_send_reply');
    expect(reply?.lookup.kind).toBe('found');
    expect(reply?.lookup.kind === 'found' ? reply.lookup.module.name : '').toBe('sl');
    expect(reply?.overload?.params.length).toBe(2);
    expect(model.bindingOf(reply!.call)).toBe(reply);
    expect(model.calls.find((b) => b.call.name === 'www_authorize')?.lookup.kind).toBe('not-implemented');
  });

  it('links route references to their targets and records callers', () => {
    const missed = model.routeReferences.find((r) => r.functionName === 't_on_failure');
    expect(missed?.target?.key).toBe('failure:MISSED');
    expect(route('CHECK')?.references.map((r) => routeLabel(r.from))).toEqual([
      'request_route',
      'failure_route[MISSED]',
    ]);
    expect(route('ALONE')?.references).toEqual([]);
  });

  it('builds the route() call graph and the route types each sub-route runs in', () => {
    expect([...(model.callGraph.get(route('CHECK')!) ?? [])].map((r) => r.name)).toEqual(['DEEP']);
    expect([...route('DEEP')!.reachableFrom].sort()).toEqual(['failure', 'request']);
    expect(route('ALONE')!.reachableFrom.size).toBe(0);
    expect(callChain(route('DEEP')!, 'failure').map((r) => routeLabel(r.from))).toEqual([
      'failure_route[MISSED]',
      'route[CHECK]',
    ]);
  });

  it('binds modparams to their descriptors and loaded modules', () => {
    const mp = model.modparams[0];
    expect(mp?.param?.name).toBe('fr_timer');
    expect(mp?.loaded).toBe(true);
    expect(model.modules.map((m) => m.lookup.kind)).toEqual([
      'implemented',
      'implemented',
      'not-implemented',
    ]);
  });
});
