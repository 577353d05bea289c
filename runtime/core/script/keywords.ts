// Keyword conditions of the SER/Kamailio grammar (LANGUAGE.md §7 E3): `method == "INVITE"`,
// `uri == myself`, `src_ip == 10.0.0.0/8`, … Keyword string compares are case-insensitive.
import type { ScriptContext } from './context.js';
import { tryUri } from './uri-util.js';
import { keywordEquals } from './values.js';

/** `method == "x"` (case-insensitive). */
export function methodIs(ctx: ScriptContext, method: string): boolean {
  return keywordEquals(ctx.msg.method, method);
}

/** `myself` test of a URI or a bare host[:port]; tel: URIs never match. */
export function isMyselfUriOrHost(ctx: ScriptContext, text: string): boolean {
  const t = text.trim();
  if (/^(sips?|tel|urn):/i.test(t)) {
    const uri = tryUri(t);
    if (!uri || !uri.isSip) return false;
    return ctx.proc.myself.matches(uri.host, uri.port ?? 0);
  }
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(t);
  if (!m) return ctx.proc.myself.matches(t);
  return ctx.proc.myself.matches(m[1] as string, m[2] === undefined ? 0 : Number(m[2]));
}

/** `uri == myself` (current R-URI). */
export function uriIsMyself(ctx: ScriptContext): boolean {
  return isMyselfUriOrHost(ctx, ctx.ruri);
}

export function fromUriIsMyself(ctx: ScriptContext): boolean {
  return isMyselfUriOrHost(ctx, ctx.msg.from.uri.toString());
}

export function toUriIsMyself(ctx: ScriptContext): boolean {
  return isMyselfUriOrHost(ctx, ctx.msg.to.uri.toString());
}

/** `src_ip == myself`. */
export function srcIpIsMyself(ctx: ScriptContext): boolean {
  return ctx.proc.myself.matches(ctx.rcv.srcIp);
}

/** `src_ip == 10.0.0.0/8` / `== 192.168.1.1/255.255.255.0` / `== 1.2.3.4` (IPv4 and IPv6). */
export function ipMatches(ip: string, net: string): boolean {
  const [addr, mask] = net.split('/') as [string, string | undefined];
  const a = ipToBigInt(ip);
  const b = ipToBigInt(addr.replace(/^\[|\]$/g, ''));
  if (a === undefined || b === undefined || a.bits !== b.bits) return false;
  let maskBits: number;
  if (mask === undefined) maskBits = a.bits;
  else if (/^\d+$/.test(mask)) maskBits = Number(mask);
  else {
    const m = ipToBigInt(mask);
    if (!m) return false;
    maskBits = m.value.toString(2).replace(/0+$/, '').length;
  }
  const shift = BigInt(a.bits - maskBits);
  return a.value >> shift === b.value >> shift;
}

function ipToBigInt(ip: string): { value: bigint; bits: number } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const parts = ip.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), bits: 32 };
  }
  if (ip.includes(':')) {
    const [head, tail] = ip.split('::') as [string, string | undefined];
    const h = head === '' ? [] : head.split(':');
    const t = tail === undefined || tail === '' ? [] : tail.split(':');
    const fill = tail === undefined ? 0 : 8 - h.length - t.length;
    const groups = [...h, ...Array<string>(fill).fill('0'), ...t];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
  }
  return undefined;
}

/** `a =~ re` (the regex compiled once with compilePosixRegex, REG_ICASE by default). */
export function regexMatches(value: string | number | null, re: RegExp): boolean {
  re.lastIndex = 0;
  return re.test(value === null ? '' : String(value));
}
