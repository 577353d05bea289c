import { describe, expect, it } from 'vitest';
import {
  ALL_DIALECTS,
  arities,
  classifyModule,
  findCatalogEntry,
  findCoreParam,
  findFunction,
  findModparam,
  findModule,
  findOverload,
  findPv,
  findTransformation,
  implementationOf,
  listCatalog,
  listModules,
  modparamDefault,
  modparamToMs,
  modparamUnit,
  normalizeModuleName,
} from '../../runtime/modules/registry.js';

const ISSUE_MODULES = [
  'sl',
  'tm',
  'registrar',
  'usrloc',
  'msilo',
  'maxfwd',
  'textops',
  'xlog',
  'pv',
  'siputils',
  'rr',
];

describe('module list', () => {
  it('has every module of issue 4 plus the core', () => {
    const names = listModules().map((m) => m.name);
    for (const n of [...ISSUE_MODULES, 'core']) expect(names).toContain(n);
  });

  it('exposes each function name (and alias) in exactly one implemented module', () => {
    const seen = new Map<string, string>();
    for (const m of listModules()) {
      for (const f of m.functions) {
        for (const n of [f.name, ...(f.aliases ?? [])]) {
          expect(seen.get(n), `${n} in ${m.name} and ${seen.get(n)}`).toBeUndefined();
          seen.set(n, m.name);
        }
      }
    }
  });

  it('keeps descriptors consistent: mayReturnZero iff a 0 return code is listed, overloads valid', () => {
    for (const m of listModules()) {
      for (const f of m.functions) {
        expect(f.mayReturnZero, `${m.name}.${f.name}`).toBe(f.returns.some((r) => r.code === 0));
        expect(f.overloads.length, f.name).toBeGreaterThan(0);
        expect(f.routes.length, f.name).toBeGreaterThan(0);
        for (const o of f.overloads) {
          for (const d of o.dialects ?? [])
            expect(f.dialects, `${f.name} overload dialect ${d}`).toContain(d);
          for (const p of o.params) if (p.kind === 'route') expect(p.routeKind, f.name).toBeDefined();
        }
      }
      for (const p of m.params) {
        if (p.default !== null) expect(typeof p.default === 'number' ? 'int' : 'str').toBe(p.type);
      }
    }
  });
});

describe('issue functions, params and return codes', () => {
  const fn = (module: string, name: string) => {
    const m = findModule(module);
    const f = m?.functions.find((x) => x.name === name);
    if (!f) throw new Error(`${module}.${name} missing`);
    return f;
  };
  const codes = (module: string, name: string) =>
    fn(module, name)
      .returns.map((r) => r.code)
      .sort((a, b) => a - b);

  it.each([
    ['sl', 'sl_send_reply'],
    ['sl', 'sl_reply_error'],
    ['sl', 'sl_filter_ACK'],
    ['tm', 't_relay'],
    ['tm', 't_newtran'],
    ['tm', 't_reply'],
    ['tm', 't_on_failure'],
    ['tm', 't_on_reply'],
    ['tm', 't_on_branch'],
    ['tm', 't_check_status'],
    ['tm', 't_check_trans'],
    ['tm', 't_release'],
    ['tm', 't_set_fr'],
    ['registrar', 'save'],
    ['registrar', 'lookup'],
    ['registrar', 'registered'],
    ['registrar', 'unregister'],
    ['msilo', 'm_store'],
    ['msilo', 'm_dump'],
    ['maxfwd', 'mf_process_maxfwd_header'],
    ['textops', 'is_method'],
    ['textops', 'search'],
    ['textops', 'search_body'],
    ['textops', 'append_hf'],
    ['textops', 'remove_hf'],
    ['textops', 'is_present_hf'],
    ['textops', 'has_body'],
    ['textops', 'subst'],
    ['textops', 'subst_uri'],
    ['textops', 'subst_user'],
    ['textops', 'append_to_reply'],
    ['xlog', 'xlog'],
    ['xlog', 'xdbg'],
    ['siputils', 'has_totag'],
    ['siputils', 'is_user'],
    ['siputils', 'uri_param'],
    ['rr', 'record_route'],
    ['rr', 'loose_route'],
    ['rr', 'rewriteFromRoute'],
    ['core', 'is_myself'],
    ['core', 'setflag'],
    ['core', 'append_branch'],
    ['core', 'force_rport'],
    ['core', 'forward'],
    ['core', 'log'],
    ['core', 'strip'],
    ['core', 'prefix'],
    ['core', 'rewritehostport'],
    ['core', 'revert_uri'],
  ])('%s has %s', (module, name) => {
    expect(fn(module, name).name).toBe(name);
  });

  it('carries the documented return codes', () => {
    expect(codes('maxfwd', 'mf_process_maxfwd_header')).toEqual([-2, -1, 1, 2]);
    expect(codes('registrar', 'lookup')).toEqual([-3, -2, -1, 1]);
    expect(codes('registrar', 'save')).toEqual(expect.arrayContaining([1, 2, 3, 4, -1, -2]));
    expect(codes('msilo', 'm_store')).toEqual([-1, 1]);
    expect(codes('tm', 't_newtran')).toContain(0);
    expect(fn('tm', 't_newtran').mayReturnZero).toBe(true);
    expect(fn('tm', 't_check_trans').mayReturnZero).toBe(true);
    expect(fn('tm', 't_relay_cancel').mayReturnZero).toBe(true);
    expect(fn('xlog', 'xlog').mayReturnZero).toBe(false);
    expect(codes('core', 'isflagset')).toEqual([-1, 1]);
  });

  it('describes parameter kinds and route targets', () => {
    const onFailure = fn('tm', 't_on_failure').overloads[0]!.params[0]!;
    expect(onFailure.kind).toBe('route');
    expect(onFailure.routeKind).toBe('failure');
    expect(fn('tm', 't_on_reply').overloads[0]!.params[0]!.routeKind).toBe('onreply');
    expect(fn('tm', 't_check_status').overloads[0]!.params[0]!.kind).toBe('re');
    expect(fn('sl', 'sl_send_reply').overloads[0]!.params.map((p) => p.kind)).toEqual(['igp', 'spve']);
    expect(fn('pv', 'pv_unset').overloads[0]!.params[0]!.kind).toBe('pvw');
    expect(fn('xlog', 'xlog').overloads[0]!.params[0]!.kind).toBe('xfmt');
  });

  it('restricts route types', () => {
    expect(fn('sl', 'sl_send_reply').routes).toEqual(['request']);
    expect(fn('tm', 't_reply').routes).toEqual(['request', 'failure', 'onreply']);
    expect(fn('msilo', 'm_dump').routes).toEqual(['request']);
    expect(fn('textops', 'is_method').routes).toContain('failure');
  });

  it('lists msilo params of every dialect', () => {
    for (const p of [
      'db_url',
      'db_table',
      'from_address',
      'registrar',
      'offline_message',
      'contact_hdr',
      'content_type_hdr',
      'expire_time',
      'check_time',
      'clean_period',
      'send_time',
      'use_contact',
      'add_date',
      'max_messages',
    ]) {
      expect(findModparam('msilo', p), p).toBeDefined();
    }
    expect(modparamDefault(findModparam('msilo', 'check_time')!, 'K3')).toBe(60);
    expect(modparamDefault(findModparam('msilo', 'check_time')!, 'O1')).toBe(30);
    expect(modparamDefault(findModparam('msilo', 'sc_mid')!, 'K3')).toBe('id');
    expect(modparamDefault(findModparam('msilo', 'sc_mid')!, 'O1')).toBe('mid');
  });
});

describe('tm timer units per dialect', () => {
  const fr = findModparam('tm', 'fr_timer')!;
  it('reads seconds in SER 0.8, OpenSER/Kamailio 1.x and OpenSIPS', () => {
    for (const d of ['S08', 'K1', 'O1', 'O3'] as const) {
      expect(modparamUnit(fr, d)).toBe('s');
      expect(modparamToMs(fr, 10, d)).toBe(10000);
    }
    expect(modparamDefault(fr, 'O1')).toBe(30);
  });
  it('reads milliseconds in SER 2+ and Kamailio 3+', () => {
    for (const d of ['S2', 'K3'] as const) {
      expect(modparamUnit(fr, d)).toBe('ms');
      expect(modparamToMs(fr, 30000, d)).toBe(30000);
    }
    expect(modparamDefault(fr, 'K3')).toBe(30000);
    expect(modparamDefault(findModparam('tm', 'fr_inv_timer')!, 'K1')).toBe(120);
    expect(modparamDefault(findModparam('tm', 'wt_timer')!, 'K3')).toBe(5000);
  });
  it('has no unit for non-time params', () => {
    expect(modparamUnit(findModparam('tm', 'failure_reply_mode')!, 'K3')).toBeUndefined();
  });
});

describe('lookups', () => {
  it('findModule strips paths and .so and resolves aliases', () => {
    expect(normalizeModuleName('/usr/local/lib/ser/modules/sl.so')).toBe('sl');
    expect(findModule('/usr/lib/ser/modules/tm.so')?.name).toBe('tm');
    expect(findModule('textops')?.name).toBe('textops');
    expect(findModule('auth_db')).toBeUndefined();
    expect(findCatalogEntry('/usr/lib/ser/modules/mysql.so')?.name).toBe('db_mysql');
  });

  it('classifies modules', () => {
    expect(classifyModule('sl.so').kind).toBe('implemented');
    const auth = classifyModule('auth_db');
    expect(auth.kind).toBe('not-implemented');
    const sipmsgops = classifyModule('sipmsgops.so');
    expect(sipmsgops.kind).toBe('partial');
    if (sipmsgops.kind === 'partial') expect(sipmsgops.provides.map((f) => f.name)).toContain('is_method');
    expect(classifyModule('no_such_module').kind).toBe('unknown');
  });

  it('findFunction needs the module loaded, except for core functions', () => {
    const found = findFunction('sl_send_reply', ['/usr/lib/ser/modules/sl.so'], 'S08');
    expect(found.kind).toBe('found');
    if (found.kind === 'found') expect(found.module.name).toBe('sl');
    const alias = findFunction('sl_reply', ['sl'], 'S2');
    expect(alias.kind === 'found' && alias.fn.name).toBe('sl_send_reply');
    const missing = findFunction('t_relay', ['sl'], 'K3');
    expect(missing.kind).toBe('not-loaded');
    if (missing.kind === 'not-loaded') expect(missing.providers).toContain('tm');
    expect(findFunction('setflag', [], 'K3').kind).toBe('found');
    expect(findFunction('no_such_fn', ['sl'], 'K3').kind).toBe('unknown');
  });

  it('findFunction finds functions through other homes (sipmsgops, uri, kex)', () => {
    expect(findFunction('is_method', ['sipmsgops'], 'O3').kind).toBe('found');
    expect(findFunction('has_totag', ['uri'], 'K1').kind).toBe('found');
  });

  it('findFunction reports functions of unimplemented modules', () => {
    const r = findFunction('www_authorize', ['auth', 'auth_db'], 'K3');
    expect(r).toEqual({ kind: 'not-implemented', modules: ['auth_db'], loaded: true });
    const notLoaded = findFunction('www_authorize', ['sl'], 'K3');
    expect(notLoaded.kind === 'not-implemented' && notLoaded.loaded).toBe(false);
  });

  it('flags functions used outside their dialects', () => {
    const r = findFunction('sl_filter_ACK', ['sl'], 'K3');
    expect(r.kind === 'found' && r.dialectOk).toBe(false);
    const ok = findFunction('sl_filter_ACK', ['sl'], 'S08');
    expect(ok.kind === 'found' && ok.dialectOk).toBe(true);
  });

  it('selects overloads per arity and dialect', () => {
    const m = findModule('msilo')!.functions.find((f) => f.name === 'm_store')!;
    expect(findOverload(m, 1, 'S08')?.params[0]?.kind).toBe('str');
    expect(findOverload(m, 1, 'O1')?.params[0]?.kind).toBe('spve');
    expect(findOverload(m, 0, 'S08')).toBeUndefined();
    expect(arities(m, 'K3')).toEqual([0, 1]);
  });

  it('findPv knows the issue PVs and their writability', () => {
    const pvs = [
      'ru',
      'rU',
      'rd',
      'rp',
      'rm',
      'du',
      'fu',
      'fU',
      'fd',
      'fn',
      'tu',
      'tU',
      'td',
      'ci',
      'cs',
      'si',
      'sp',
      'Ri',
      'Rp',
      'ua',
      'hdr',
      'avp',
      'var',
      'shv',
      'rs',
      'rr',
      'T_reply_code',
      'mb',
      'ml',
      'ct',
      'null',
      'ai',
      'au',
    ];
    for (const n of pvs) expect(findPv(n), n).toBeDefined();
    expect(findPv('$ru')?.pv.writable).toBe(true);
    expect(findPv('ci')?.pv.writable).toBe(false);
    expect(findPv('hdr')?.pv.inner).toBe('required');
    expect(findPv('T_reply_code')?.module.name).toBe('tm');
    expect(findPv('nope')).toBeUndefined();
  });

  it('findTransformation tells implemented from not implemented', () => {
    expect(findTransformation('s.len')?.implemented).toBe(true);
    expect(findTransformation('sql.val')?.implemented).toBe(false);
    expect(findTransformation('x.y')).toBeUndefined();
  });

  it('core params have types', () => {
    expect(findCoreParam('children')?.type).toBe('int');
    expect(findCoreParam('listen')?.repeatable).toBe(true);
    expect(findCoreParam('check_via')?.type).toBe('bool');
    expect(findCoreParam('mpath')?.type).toBe('path');
    expect(findCoreParam('nonsense')).toBeUndefined();
  });

  it('names implementation imports', () => {
    const core = findModule('core')!;
    const setflag = core.functions.find((f) => f.name === 'setflag')!;
    expect(implementationOf(setflag, core).from).toBe('runtime/core/script/core-functions.js');
    const tm = findModule('tm')!;
    expect(implementationOf(tm.functions[0]!, tm)).toEqual({
      from: 'runtime/modules/tm/index.js',
      exportName: 't_relay',
    });
  });

  it('catalog module names do not shadow implemented modules', () => {
    for (const c of listCatalog()) expect(findModule(c.name), c.name).toBeUndefined();
    expect(ALL_DIALECTS).toContain('K3');
  });
});

describe('functions that moved between modules or into the core', () => {
  it('OpenSIPS 3 xlog needs no loadmodule; elsewhere it does', () => {
    expect(findFunction('xlog', ['sl'], 'O3').kind).toBe('found');
    expect(findFunction('xlog', ['sl'], 'K3').kind).toBe('not-loaded');
  });

  it('SER 0.8 is_user came with the auth module', () => {
    expect(findFunction('is_user', ['auth'], 'S08').kind).toBe('found');
  });
});
