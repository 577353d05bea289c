// Script settings applied at start-up by applyScriptParams: rr modparams, pv shvset/varset, OpenSIPS 3
// log_level; and the listen addresses a script asks for with `port=`.
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptProcess } from '../../runtime/core/script/context.js';
import { applyScriptParams, scriptListen } from '../../runtime/engine/script-params.js';
import type { CompiledScript } from '../../runtime/index.js';
import { record_route, rrParams } from '../../runtime/modules/rr/index.js';
import { makeCtx } from '../script/helpers.js';

const script = (extra: Partial<CompiledScript>): CompiledScript => ({
  dialect: 'K3',
  routes: { request: () => 1 },
  ...extra,
});

afterEach(() => {
  rrParams.appendFromtag = true;
  rrParams.enableFullLr = false;
});

describe('applyScriptParams', () => {
  it('sets rr append_fromtag and enable_full_lr from the modparams', () => {
    const proc = new ScriptProcess('K3');
    applyScriptParams(
      script({ modules: ['rr'], modparams: { rr: { append_fromtag: 0, enable_full_lr: 1 } } }),
      proc,
    );
    const ctx = makeCtx();
    expect(record_route(ctx)).toBe(1);
    expect(ctx.msg.serialize().toString()).toMatch(/^Record-Route: <sip:127\.0\.0\.1:5060;lr=on>\r$/m);
  });

  it('restores the rr defaults for a script that sets none', () => {
    rrParams.appendFromtag = false;
    rrParams.enableFullLr = true;
    applyScriptParams(script({ modules: ['rr'] }), new ScriptProcess('K3'));
    expect(rrParams).toEqual({ appendFromtag: true, enableFullLr: false });
  });

  it('initialises $shv and $var from pv shvset/varset', () => {
    const proc = new ScriptProcess('K3');
    applyScriptParams(
      script({ modules: ['pv'], modparams: { pv: { shvset: ['a=i:7', 'b=s:hi there'], varset: 'v=i:-3' } } }),
      proc,
    );
    expect([proc.shv.get('a'), proc.shv.get('b'), proc.vars.get('v')]).toEqual([7, 'hi there', -3]);
  });

  it('rejects a malformed initialiser', () => {
    const bad = script({ modules: ['pv'], modparams: { pv: { shvset: 'a=x:1' } } });
    expect(() => applyScriptParams(bad, new ScriptProcess('K3'))).toThrow(/bad variable initialiser/);
  });

  it('takes log_level as the threshold unless debug= or the command line set one', () => {
    const o3 = (core: CompiledScript['core']) => script({ dialect: 'O3', core });
    const plain = new ScriptProcess('O3');
    applyScriptParams(o3({ log_level: 4 }), plain);
    expect(plain.logger.threshold).toBe(4);
    const withDebug = new ScriptProcess('O3');
    const before = withDebug.logger.threshold;
    applyScriptParams(o3({ log_level: 4, debug: 1 }), withDebug);
    expect(withDebug.logger.threshold).toBe(before);
    const cli = new ScriptProcess('O3');
    applyScriptParams(o3({ log_level: 4 }), cli, { logLevel: 2 });
    expect(cli.logger.threshold).toBe(before);
  });
});

describe('scriptListen', () => {
  it('fills port= into listen addresses without one, and listens everywhere on it without listen=', () => {
    expect(
      scriptListen(
        script({ core: { port: 5070, listen: ['udp:127.0.0.1', 'tcp:[::1]', 'udp:10.0.0.1:5080'] } }),
      ),
    ).toEqual(['udp:127.0.0.1:5070', 'tcp:[::1]:5070', 'udp:10.0.0.1:5080']);
    expect(scriptListen(script({ core: { port: 5070 } }))).toEqual(['udp:0.0.0.0:5070', 'tcp:0.0.0.0:5070']);
    expect(scriptListen(script({ core: { listen: ['udp:127.0.0.1'] } }))).toEqual(['udp:127.0.0.1']);
    expect(scriptListen(script({}))).toBeUndefined();
    expect(scriptListen(script({ core: { port: 5070 } }), ['udp:127.0.0.1:0'])).toEqual(['udp:127.0.0.1:0']);
  });
});
