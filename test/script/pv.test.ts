import { describe, expect, it } from 'vitest';
import { compilePv, PvError, validatePv } from '../../runtime/core/script/pv.js';
import { parsePv } from '../../runtime/core/script/pv-parse.js';
import { makeCtx, makeProcess, REPLY_TEXT } from './helpers.js';

const get = (ctx: ReturnType<typeof makeCtx>, text: string) => compilePv(text).get(ctx);

describe('pseudo-variable parsing', () => {
  it('parses the reference forms', () => {
    expect(parsePv('$ru')).toMatchObject({ cls: 'ru' });
    expect(parsePv('$hdr(Via)')).toMatchObject({ cls: 'hdr', inner: 'Via' });
    expect(parsePv('$(avp(x)[*])')).toMatchObject({ cls: 'avp', inner: 'x', index: '*' });
    expect(parsePv('$(avp(x)[-1])')).toMatchObject({ index: -1 });
    expect(parsePv('$(ru{uri.user})').transforms).toEqual([{ name: 'uri.user', params: [] }]);
    expect(parsePv('$(var(x){s.substr,1,2}{s.len})').transforms.map((t) => t.name)).toEqual([
      's.substr',
      's.len',
    ]);
    expect(parsePv('$avp($var(n))').inner).toMatchObject({ cls: 'var', inner: 'n' });
    expect(parsePv('$f.did', true)).toMatchObject({ cls: 'f.did', attr: true });
    expect(parsePv('$account[]', true)).toMatchObject({ cls: 'account', index: '*', attr: true });
  });
});

describe('message PVs', () => {
  it('reads request-line, From/To, Call-ID, CSeq, source and local address', () => {
    const ctx = makeCtx({
      headers: ['User-Agent: tester/1.0', 'P-Asserted-Identity: <sip:+15551@example.org>'],
    });
    expect(get(ctx, '$ru')).toBe('sip:bob@example.com');
    expect(get(ctx, '$rU')).toBe('bob');
    expect(get(ctx, '$rd')).toBe('example.com');
    expect(get(ctx, '$rp')).toBe(5060);
    expect(get(ctx, '$rz')).toBe('sip');
    expect(get(ctx, '$rm')).toBe('INVITE');
    expect(get(ctx, '$fu')).toBe('sip:alice@example.org');
    expect(get(ctx, '$fU')).toBe('alice');
    expect(get(ctx, '$fd')).toBe('example.org');
    expect(get(ctx, '$fn')).toBe('Alice');
    expect(get(ctx, '$ft')).toBe('1928301774');
    expect(get(ctx, '$tu')).toBe('sip:bob@example.com');
    expect(get(ctx, '$tU')).toBe('bob');
    expect(get(ctx, '$td')).toBe('example.com');
    expect(get(ctx, '$tt')).toBeNull();
    expect(get(ctx, '$ci')).toBe('a84b4c76e66710@pc33.example.org');
    expect(get(ctx, '$cs')).toBe(314159);
    expect(get(ctx, '$ct')).toBe('<sip:alice@192.0.2.10:5062>');
    expect(get(ctx, '$ua')).toBe('tester/1.0');
    expect(get(ctx, '$ai')).toBe('sip:+15551@example.org');
    expect(get(ctx, '$si')).toBe('192.0.2.10');
    expect(get(ctx, '$sp')).toBe(5062);
    expect(get(ctx, '$Ri')).toBe('127.0.0.1');
    expect(get(ctx, '$Rp')).toBe(5060);
    expect(get(ctx, '$pr')).toBe('udp');
    expect(get(ctx, '$ml')).toBe(ctx.msg.raw.length);
    expect(String(get(ctx, '$mb'))).toMatch(/^INVITE sip:bob@example.com SIP\/2.0\r\n/);
    expect(get(ctx, '$hdr(Max-Forwards)')).toBe('70');
    expect(get(ctx, '$hdr(X-None)')).toBeNull();
    expect(get(ctx, '$null')).toBeNull();
    expect(get(ctx, '$rs')).toBeNull();
  });

  it('reads the digest username for $au', () => {
    const ctx = makeCtx({
      headers: [
        'Authorization: Digest username="alice", realm="example.org", nonce="x", uri="sip:a", response="y"',
      ],
    });
    expect(get(ctx, '$au')).toBe('alice');
    expect(get(makeCtx(), '$au')).toBeNull();
  });

  it('indexes headers: $(hdr(Via)[n]), [-1], [*]', () => {
    const ctx = makeCtx({ headers: ['X-A: one', 'X-A: two'] });
    expect(get(ctx, '$(hdr(X-A)[0])')).toBe('one');
    expect(get(ctx, '$(hdr(X-A)[1])')).toBe('two');
    expect(get(ctx, '$(hdr(X-A)[-1])')).toBe('two');
    expect(get(ctx, '$(hdr(X-A)[*])')).toBe('one,two');
  });

  it('reads reply PVs on replies and $T_reply_code from the reply or the transaction', () => {
    const ctx = makeCtx({ text: REPLY_TEXT, routeType: 'onreply' });
    expect(get(ctx, '$rs')).toBe(486);
    expect(get(ctx, '$rr')).toBe('Busy Here');
    expect(get(ctx, '$T_reply_code')).toBe(486);
    const req = makeCtx();
    expect(get(req, '$T_reply_code')).toBe(0);
    req.tx = { replyCode: () => 408, replyReason: () => 'Request Timeout' };
    expect(get(req, '$T_reply_code')).toBe(408);
  });
});

describe('writable PVs', () => {
  it('$ru/$rU/$rd/$rp rewrite the R-URI immediately', () => {
    const ctx = makeCtx();
    compilePv('$rU').set(ctx, 'carol');
    expect(ctx.ruri).toBe('sip:carol@example.com');
    compilePv('$rd').set(ctx, 'pbx.example.net');
    compilePv('$rp').set(ctx, 5080);
    expect(get(ctx, '$ru')).toBe('sip:carol@pbx.example.net:5080');
    compilePv('$ru').set(ctx, 'sip:dave@10.0.0.1');
    expect(get(ctx, '$rU')).toBe('dave');
    expect(ctx.originalRuri).toBe('sip:bob@example.com');
    expect(get(ctx, '$ou')).toBe('sip:bob@example.com');
  });

  it('$du is set and reset with $null', () => {
    const ctx = makeCtx();
    expect(get(ctx, '$du')).toBeNull();
    compilePv('$du').set(ctx, 'sip:10.0.0.2:5070');
    expect(get(ctx, '$du')).toBe('sip:10.0.0.2:5070');
    expect(get(ctx, '$dd')).toBe('10.0.0.2');
    compilePv('$du').set(ctx, null);
    expect(ctx.dstUri).toBeNull();
  });

  it('$fu/$fU writes are recorded for the outgoing message; reads keep the original', () => {
    const ctx = makeCtx();
    compilePv('$fU').set(ctx, 'anonymous');
    expect(ctx.headerRewrites.from?.uri).toBe('sip:anonymous@example.org');
    expect(get(ctx, '$fU')).toBe('alice');
  });

  it('$br adds a branch; $mf/$bf write flags', () => {
    const ctx = makeCtx();
    compilePv('$br').set(ctx, 'sip:x@example.net');
    expect(ctx.branches.map((b) => b.uri)).toEqual(['sip:x@example.net']);
    expect(get(ctx, '$br')).toBe('sip:x@example.net');
    compilePv('$mf').set(ctx, 5);
    expect(ctx.flags).toBe(5);
    compilePv('$bf').set(ctx, 2);
    expect(get(ctx, '$bf')).toBe(2);
  });

  it('rejects writes to read-only PVs at compile time (validatePv) and at run time', () => {
    expect(validatePv('$ci', { forWrite: true })).toBe('$ci is read-only');
    expect(validatePv('$ru', { forWrite: true })).toBeUndefined();
    expect(validatePv('$(ru{uri.user})', { forWrite: true })).toMatch(/read-only/);
    expect(() => compilePv('$si').set(makeCtx(), '1.2.3.4')).toThrow(PvError);
  });

  it('reports unknown and unimplemented PVs and transformations', () => {
    expect(validatePv('$nosuch', { dialect: 'O1' })).toBe('unknown pseudo-variable $nosuch');
    expect(validatePv('$xavp(a=>b)')).toMatch(/not implemented by serc/);
    expect(validatePv('$(ru{sql.val})')).toMatch(/\{sql.val\} is not implemented/);
    expect(validatePv('$(ru{s.nope})')).toMatch(/unknown transformation/);
    expect(validatePv('$hdr')).toMatch(/needs a name/);
    expect(validatePv('$(ru{s.substr,1})')).toMatch(/takes 2/);
  });
});

describe('AVPs, $var, $shv through PVs', () => {
  it('$avp(x) = pushes, $(avp(x)[*]) = replaces, $null deletes', () => {
    const ctx = makeCtx();
    const x = compilePv('$avp(x)');
    x.set(ctx, 'a');
    x.set(ctx, 'b');
    expect(x.get(ctx)).toBe('b');
    expect(get(ctx, '$(avp(x)[1])')).toBe('a');
    expect(get(ctx, '$(avp(x)[-1])')).toBe('a');
    expect(get(ctx, '$(avp(x)[*])')).toBe('b,a');
    x.set(ctx, null);
    expect(x.get(ctx)).toBe('a');
    compilePv('$(avp(x)[*])').set(ctx, 'only');
    expect(ctx.avps.getAll('x')).toEqual(['only']);
    compilePv('$(avp(x)[*])').set(ctx, null);
    expect(x.isSet(ctx)).toBe(false);
  });

  it('OpenSIPS $avp(11) and Kamailio $avp(s:name) / $avp(i:80)', () => {
    const ctx = makeCtx({ dialect: 'O1' });
    compilePv('$avp(11)', { dialect: 'O1' }).set(ctx, get(ctx, '$ru'));
    expect(compilePv('$avp(i:11)').get(ctx)).toBe('sip:bob@example.com');
    compilePv('$avp(s:who)').set(ctx, 'me');
    expect(get(ctx, '$avp(who)')).toBe('me');
  });

  it('$var is per process and sticky across messages; $null sets 0', () => {
    const { proc } = makeProcess();
    const first = makeCtx({ proc });
    const v = compilePv('$var(count)');
    expect(v.get(first)).toBe(0);
    v.set(first, 1);
    const second = makeCtx({ proc });
    expect(v.get(second)).toBe(1);
    v.set(second, null);
    expect(v.get(second)).toBe(0);
    expect(v.get(makeCtx())).toBe(0);
  });

  it('AVPs are per message', () => {
    const { proc } = makeProcess();
    const a = makeCtx({ proc });
    compilePv('$avp(x)').set(a, 1);
    expect(get(makeCtx({ proc }), '$avp(x)')).toBeNull();
  });

  it('$shv is shared by every message of the process', () => {
    const { proc } = makeProcess();
    compilePv('$shv(gw)').set(makeCtx({ proc }), '10.0.0.1');
    expect(get(makeCtx({ proc }), '$shv(gw)')).toBe('10.0.0.1');
  });

  it('dynamic names and indexes', () => {
    const ctx = makeCtx();
    compilePv('$var(n)').set(ctx, 'dyn');
    compilePv('$avp($var(n))').set(ctx, 42);
    expect(ctx.avps.get('dyn')).toBe(42);
    compilePv('$avp(dyn)').set(ctx, 43);
    compilePv('$var(i)').set(ctx, 1);
    expect(get(ctx, '$(avp(dyn)[$var(i)])')).toBe(42);
  });

  it('SER attributes: $f.did, $t.uid, $name replace on assignment (S2) and fall back in K max-compat', () => {
    const ctx = makeCtx({ dialect: 'S2' });
    const did = compilePv('$f.did', { dialect: 'S2' });
    did.set(ctx, 'd1');
    did.set(ctx, 'd2');
    expect(ctx.avps.getAll('f.did')).toEqual(['d2']);
    expect(compilePv('$t.uid', { dialect: 'S2' }).get(ctx)).toBeNull();
    compilePv('$account', { dialect: 'S2' }).set(ctx, 'yes');
    expect(compilePv('$account', { dialect: 'K3' }).get(ctx)).toBe('yes');
    expect(validatePv('$account', { dialect: 'O1' })).toMatch(/unknown/);
  });
});

describe('transformations', () => {
  it('applies the implemented ones', () => {
    const ctx = makeCtx({
      ruri: 'sip:Bob@Example.COM;transport=tcp',
      headers: ['X-N: "Joe" <sip:joe@h.example>;tag=1'],
    });
    expect(get(ctx, '$(ru{s.len})')).toBe('sip:Bob@Example.COM;transport=tcp'.length);
    expect(get(ctx, '$(ru{s.tolower})')).toBe('sip:bob@example.com;transport=tcp');
    expect(get(ctx, '$(rU{s.toupper})')).toBe('BOB');
    expect(get(ctx, '$(ru{s.substr,4,3})')).toBe('Bob');
    expect(get(ctx, '$(ru{s.substr,-3,0})')).toBe('tcp');
    expect(get(ctx, '$(ru{uri.user})')).toBe('Bob');
    expect(get(ctx, '$(ru{uri.host})')).toBe('Example.COM');
    expect(get(ctx, '$(ru{uri.param,transport})')).toBe('tcp');
    expect(get(ctx, '$(hdr(X-N){nameaddr.uri})')).toBe('sip:joe@h.example');
    expect(get(ctx, '$(hdr(X-N){nameaddr.uri}{uri.user}{s.len})')).toBe(3);
    compilePv('$var(n)').set(ctx, '42');
    expect(get(ctx, '$(var(n){s.int})')).toBe(42);
  });
});

describe('digest credential PVs', () => {
  it('$au $aU $ad $ar', () => {
    const ctx = makeCtx({
      headers: ['Proxy-Authorization: Digest username="alice@corp.example", realm="example.org", nonce="n"'],
    });
    expect(get(ctx, '$au')).toBe('alice@corp.example');
    expect(get(ctx, '$aU')).toBe('alice');
    expect(get(ctx, '$ad')).toBe('corp.example');
    expect(get(ctx, '$ar')).toBe('example.org');
    expect(get(ctx, '$csb')).toBe('314159 INVITE');
  });
});

describe('SER selects', () => {
  it('@to.tag, @ruri.host, @from.uri.host and $sel(…) map to PVs; others are not implemented', () => {
    const ctx = makeCtx({ to: '<sip:bob@example.com>;tag=t1' });
    expect(compilePv('@to.tag', { dialect: 'S2' }).get(ctx)).toBe('t1');
    expect(compilePv('@ruri.host', { dialect: 'S2' }).get(ctx)).toBe('example.com');
    expect(compilePv('@from.uri.host', { dialect: 'S2' }).get(ctx)).toBe('example.org');
    expect(compilePv('$sel(f.tag)').get(ctx)).toBe('1928301774');
    expect(validatePv('@to.tag', { forWrite: true })).toMatch(/read-only/);
    expect(validatePv('@cfg_get.pstn.gw_ip', { dialect: 'S2' })).toMatch(
      /select @cfg_get.pstn.gw_ip is not implemented/,
    );
    expect(validatePv('$msg.branch.flag(pstn)', { dialect: 'O3' })).toMatch(/not implemented/);
  });
});

describe('PVs of modules serc does not implement', () => {
  it('names the module instead of saying unknown', () => {
    expect(validatePv('$DLG_count')).toBe(
      'pseudo-variable $DLG_count belongs to module dialog, which serc does not implement',
    );
    expect(validatePv('$sht(t=>$ci)')).toMatch(/module htable/);
  });
});

describe('more header PVs', () => {
  it('$rP $rv $dP $ctu $pu $re $di', () => {
    const ctx = makeCtx({
      ruri: 'sip:bob@example.com;transport=TCP',
      headers: [
        'P-Preferred-Identity: <sip:pref@example.org>',
        'Remote-Party-ID: "A" <sip:rpid@example.org>;party=calling',
        'Diversion: <sip:div@example.org>;reason=busy',
      ],
    });
    expect(get(ctx, '$rP')).toBe('tcp');
    expect(get(ctx, '$rv')).toBe('SIP/2.0');
    expect(get(ctx, '$dP')).toBeNull();
    ctx.dstUri = 'sip:10.0.0.1;transport=tls';
    expect(get(ctx, '$dP')).toBe('tls');
    expect(get(ctx, '$ctu')).toBe('sip:alice@192.0.2.10:5062');
    expect(get(ctx, '$pu')).toBe('sip:pref@example.org');
    expect(get(ctx, '$re')).toBe('sip:rpid@example.org');
    expect(get(ctx, '$di')).toBe('sip:div@example.org');
    expect(get(makeCtx(), '$di')).toBeNull();
  });
});
