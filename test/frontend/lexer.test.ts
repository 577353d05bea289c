// LANGUAGE.md §1–§2: token kinds and exact token extents of pseudo-variables, selects, attributes.
import { describe, expect, it } from 'vitest';
import type { DialectFamily } from '../../compiler/dialect.js';
import { tokenize } from '../../compiler/lexer.js';

function toks(text: string, family: DialectFamily = 'kamailio'): string[] {
  const r = tokenize(text, family);
  expect(r.errors).toEqual([]);
  return r.tokens
    .filter((t) => t.tokenType.name !== 'BlockComment')
    .map((t) => `${t.tokenType.name}:${t.image}`);
}

function images(text: string, family: DialectFamily = 'kamailio'): string[] {
  return toks(text, family).map((t) => t.slice(t.indexOf(':') + 1));
}

describe('§2 pseudo-variable token extents', () => {
  it.each([
    ['$avp(i:80)', '$avp(i:80)'],
    ['$avp(s:name)', '$avp(s:name)'],
    ['$avp(11)', '$avp(11)'],
    ['$var(x)', '$var(x)'],
    ['$hdr(Via)', '$hdr(Via)'],
    ['$(hdr(Via)[1]{s.len})', '$(hdr(Via)[1]{s.len})'],
    ['$(ru{uri.user})', '$(ru{uri.user})'],
    ['$(avp(x)[*])', '$(avp(x)[*])'],
    ['$(var(x){s.substr,1,2}{s.len})', '$(var(x){s.substr,1,2}{s.len})'],
    ['$sht(tbl=>$ci)', '$sht(tbl=>$ci)'],
    ['$xavp(a=>b)', '$xavp(a=>b)'],
    ['$avp($var(n))', '$avp($var(n))'],
    ['$T(reply_code)', '$T(reply_code)'],
    ['$rU', '$rU'],
    ['$null', '$null'],
    ['$$', '$$'],
    ['$?', '$?'],
  ])('%s is one token', (text, extent) => {
    expect(images(`${text};`)).toEqual([extent, ';']);
  });

  it('ends a plain $name at the first non-ID character (a dot is not part of it)', () => {
    expect(images('$ru.x')).toEqual(['$ru', '.', 'x']);
    expect(images('$rU==$null')).toEqual(['$rU', '==', '$null']);
    expect(images('$var(a)+$var(b)')).toEqual(['$var(a)', '+', '$var(b)']);
  });

  it('reads SER attributes with class prefixes and indexes (P6)', () => {
    for (const a of [
      '$f.did',
      '$t.did',
      '$fu.uid',
      '$tu.fwd_busy_target',
      '$fr.authuid',
      '$g.gw_ip',
      '$td.x',
      '$f.x[2]',
      '$t.y[]',
    ])
      expect(images(`${a} == 1`)).toEqual([a, '==', '1']);
    expect(images('$account[1] = 1')).toEqual(['$account[1]', '=', '1']);
  });

  it('reads `%name` as an attribute in SER/Kamailio and as the modulo operator in OpenSIPS', () => {
    expect(toks('%attr')).toEqual(['PercentAttr:%attr']);
    expect(toks('$a %b', 'opensips')).toEqual(['PvPlain:$a', 'Percent:%', 'Identifier:b']);
  });

  it('lets OpenSIPS 3 names contain dots ($msg.branch.flag(x))', () => {
    expect(images('$msg.branch.flag(pstn) = 1', 'opensips')).toEqual(['$msg.branch.flag(pstn)', '=', '1']);
    expect(images('$f.did', 'opensips')).toEqual(['$f.did']);
  });

  it('reads selects with dotted paths and indexes (P7)', () => {
    for (const s of [
      '@to.tag',
      '@from.uri.host',
      '@via[1].branch',
      '@cfg_get.pstn.gw_ip',
      '@hf_value.remote_party_id[1].uri',
      '@ruri.host',
    ])
      expect(toks(`${s})`)).toEqual([`Select:${s}`, 'RParen:)']);
  });
});

describe('§1 lexical layer', () => {
  it('nests block comments (L3)', () => {
    expect(images('a /* x /* y */ z */ b')).toEqual(['a', 'b']);
  });

  it('treats # as a line comment and // only in Kamailio (L1, L2)', () => {
    expect(images('a # c\nb')).toEqual(['a', 'b']);
    expect(images('a // c\nb', 'kamailio')).toEqual(['a', 'b']);
    expect(images('a // c', 'opensips')).toEqual(['a', '/', '/', 'c']);
  });

  it('keeps raw newlines and escapes inside strings, one token per string (L4, L6)', () => {
    expect(toks('"a\nb\\"c"')).toEqual(['DqString:"a\nb\\"c"']);
    expect(toks("'x\\y'")).toEqual(["SqString:'x\\y'"]);
  });

  it('reads hex, octal, binary and decimal integers (L7); the sign is not part of the token', () => {
    expect(toks('0x1F 017 101b 42 -5')).toEqual([
      'Number:0x1F',
      'Number:017',
      'Number:101b',
      'Number:42',
      'Minus:-',
      'Number:5',
    ]);
  });

  it('reads IPv4 as one token and IPv6 in all forms (L10, L11)', () => {
    expect(toks('10.0.0.1/8')).toEqual(['Ipv4:10.0.0.1', 'Slash:/', 'Number:8']);
    for (const a of ['::1', 'fe80::1', '2001:db8::1', '[2001:db8::1]', '2001:db8:0:0:0:0:0:1', 'a::', '::'])
      expect(toks(`${a} `)).toEqual([`Ipv6:${a}`]);
    expect(toks('[::1]:5060')).toEqual(['Ipv6:[::1]', 'Colon::', 'Number:5060']);
  });

  it('does not mistake event route names or labels for IPv6', () => {
    expect(images('[tm:local-request]')).toEqual(['[', 'tm', ':', 'local', '-', 'request', ']']);
    expect(images('case 1: x')).toEqual(['case', '1', ':', 'x']);
  });

  it('has case-sensitive keywords matched before identifiers (L12)', () => {
    expect(toks('if If iff route routex')).toEqual([
      'Kw_if:if',
      'Identifier:If',
      'Identifier:iff',
      'Kw_route:route',
      'Identifier:routex',
    ]);
  });

  it('reads casts as single tokens (L16)', () => {
    expect(toks('(int)$x (str)1')).toEqual(['Cast:(int)', 'Pv:$x', 'Cast:(str)', 'Number:1']);
  });

  it('reads every operator of L14 with longest match', () => {
    expect(images('|| && == != =~ !~ <= >= << >> := += -= = < > ! ~ & | ^ + - * / %')).toEqual(
      '|| && == != =~ !~ <= >= << >> := += -= = < > ! ~ & | ^ + - * / %'
        .split(' ')
        .map((o) => (o === '%' ? '%' : o)),
    );
  });

  it('eats an escaped newline outside strings (L15)', () => {
    expect(images('a \\\n b')).toEqual(['a', 'b']);
  });

  it('recognises directives, mode headers and include lines', () => {
    expect(
      toks('#!KAMAILIO\n#!define X 1\ninclude_file "a.cfg"\n#!ifdeff Y\n').map((t) => t.split(':')[0]),
    ).toEqual(['ModeHeader', 'Directive', 'IncludeDirective', 'UnknownHashBang']);
  });
});
