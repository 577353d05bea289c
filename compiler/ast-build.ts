// Helpers that turn token text into AST values: PV structure, string escapes, numbers, socket
// addresses; plus the break-meaning pass and the stable JSON form of the AST.
import type { Break, Expr, Pv, Script, SocketAddress, Statement } from './ast.js';
import type { Dialect } from './dialect.js';
import type { SourceRange } from './source.js';

/** Splits a PV/attribute/select token into its parts (LANGUAGE.md §2). */
export function pvFromText(text: string, range: SourceRange, dialect: Dialect): Pv {
  if (text.startsWith('@')) return { kind: 'pv', text, name: text.slice(1), form: 'select', range };
  if (text.startsWith('%')) {
    const m = /^%([^[]+)(\[[^\]]*\])?$/.exec(text);
    const pv: Pv = { kind: 'pv', text, name: m?.[1] ?? text.slice(1), form: 'ser-attr', range };
    if (m?.[2]) pv.index = m[2].slice(1, -1);
    return pv;
  }
  if (text === '$$' || text === '$?') return { kind: 'pv', text, name: text.slice(1), form: 'pv', range };
  const full = text.startsWith('$(');
  let body = full ? text.slice(2, -1) : text.slice(1);
  const attr = /^((?:[ft][rud]?|g))\.([A-Za-z_]\w*)(?:\[(-?\d*)\])?$/.exec(body);
  if (!full && attr && dialect.family !== 'opensips') {
    const pv: Pv = {
      kind: 'pv',
      text,
      name: attr[2] ?? '',
      form: 'ser-attr',
      attrClass: attr[1] ?? '',
      range,
    };
    if (attr[3] !== undefined) pv.index = attr[3];
    return pv;
  }
  const nameMatch = /^[A-Za-z_][\w.]*/.exec(body);
  const name = nameMatch?.[0] ?? body;
  body = body.slice(name.length);
  const pv: Pv = { kind: 'pv', text, name, form: name === 'avp' ? 'avp' : 'pv', range };
  if (body.startsWith('(')) {
    const end = balancedEnd(body, 0, '(', ')');
    pv.inner = body.slice(1, end - 1);
    body = body.slice(end);
  }
  body = body.trimStart();
  if (body.startsWith('[')) {
    const end = balancedEnd(body, 0, '[', ']');
    pv.index = body.slice(1, end - 1);
    body = body.slice(end);
  }
  const transforms: string[] = [];
  for (body = body.trimStart(); body.startsWith('{'); body = body.trimStart()) {
    const end = balancedEnd(body, 0, '{', '}');
    transforms.push(body.slice(1, end - 1));
    body = body.slice(end);
  }
  if (transforms.length > 0) pv.transforms = transforms;
  // SER mode: a bare `$name` (no class, no parens) is an attribute (AVP), not a PV.
  if (
    !full &&
    pv.inner === undefined &&
    (dialect.pvMode === 'ser' || (dialect.family === 'ser' && dialect.era === 'S2'))
  )
    pv.form = 'ser-attr';
  return pv;
}

function balancedEnd(s: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i + 1;
  }
  return s.length;
}

/** Value of a string token: `"…"` with Kamailio escapes (L4), `'…'` verbatim (L6). */
export function stringValue(image: string): string {
  if (image.startsWith("'")) return image.slice(1, -1);
  const body = image.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n === undefined) {
      out += c;
      break;
    }
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', '\\': '\\', '"': '"' };
    if (simple[n] !== undefined) {
      out += simple[n];
      i++;
    } else if (n === '\n') i++;
    else if (n === '\r' && body[i + 2] === '\n') i += 2;
    else if (n === 'x' && /[0-9a-fA-F]/.test(body[i + 2] ?? '')) {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 2))?.[0] ?? '';
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (/[0-7]/.test(n) && /[0-7]/.test(body[i + 2] ?? '')) {
      const oct = /^[0-7]{2,3}/.exec(body.slice(i + 1))?.[0] ?? '';
      out += String.fromCharCode(Number.parseInt(oct, 8));
      i += oct.length;
    } else {
      // Unknown escapes (and a single \d backreference) stay as written.
      out += c + n;
      i++;
    }
  }
  return out;
}

/** Integer token value: 0x1F, 017 (octal), 101b (binary), decimal. */
export function numberValue(image: string): number {
  if (/^0[xX]/.test(image)) return Number.parseInt(image.slice(2), 16);
  if (/^[01]+b$/.test(image)) return Number.parseInt(image.slice(0, -1), 2);
  if (/^0[0-7]+$/.test(image)) return Number.parseInt(image.slice(1), 8);
  return Number.parseInt(image, 10);
}

export const BOOLEAN_WORDS: Record<string, number> = {
  yes: 1,
  true: 1,
  on: 1,
  enable: 1,
  no: 0,
  false: 0,
  off: 0,
  disable: 0,
};

/** Keywords usable as operands (LANGUAGE.md P8 and `max_len` of SER 0.8). */
export const KEYWORD_OPERANDS = new Set([
  'method',
  'uri',
  'status',
  'from_uri',
  'to_uri',
  'src_ip',
  'src_port',
  'dst_ip',
  'dst_port',
  'snd_ip',
  'snd_port',
  'snd_proto',
  'to_proto',
  'snd_af',
  'to_af',
  'to_ip',
  'to_port',
  'proto',
  'af',
  'myself',
  'max_len',
  'msg:len',
  'retcode',
]);

const PROTOS = new Set(['udp', 'tcp', 'tls', 'sctp', 'ws', 'wss', 'any']);

/** `[proto:]host[:port]` from the joined text of a listen/alias value. */
export function socketAddress(text: string, range: SourceRange): SocketAddress {
  let rest = text;
  const addr: SocketAddress = { kind: 'address', host: '', text, range };
  const protoMatch = /^([A-Za-z]+):(?!:)/.exec(rest);
  if (protoMatch?.[1] && PROTOS.has(protoMatch[1].toLowerCase())) {
    addr.proto = protoMatch[1].toLowerCase();
    rest = rest.slice(protoMatch[0].length);
  }
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    addr.host = rest.slice(0, close + 1);
    rest = rest.slice(close + 1);
    if (rest.startsWith(':')) addr.port = rest.slice(1);
  } else {
    const colons = rest.split(':').length - 1;
    if (colons === 1) {
      const i = rest.indexOf(':');
      addr.host = rest.slice(0, i);
      addr.port = rest.slice(i + 1);
    } else addr.host = rest;
  }
  if (addr.host.startsWith('"') && addr.host.endsWith('"')) addr.host = addr.host.slice(1, -1);
  return addr;
}

/** Gives every `break` its meaning from where it stands (switch, loop, or route body) and the dialect. */
export function resolveBreaks(script: Script): void {
  const outside: Break['meaning'] = script.dialect.era === 'S2' ? 'return-zero' : 'leave-route';
  const visit = (s: Statement | undefined, ctx: Break['meaning']): void => {
    if (!s) return;
    switch (s.kind) {
      case 'break':
        s.meaning = ctx;
        return;
      case 'block':
        for (const c of s.body) visit(c, ctx);
        return;
      case 'if':
        visit(s.then, ctx);
        visit(s.else, ctx);
        return;
      case 'while':
      case 'for':
        visit(s.body, 'leave-loop');
        return;
      case 'switch':
        for (const c of s.cases) for (const st of c.body) visit(st, 'leave-switch');
        return;
      default:
        return;
    }
  };
  for (const item of script.items) if (item.kind === 'route') visit(item.body, outside);
}

/** JSON of an AST with a stable key order: `kind` first, `range` last, the rest alphabetical. */
export function astToJson(node: unknown, indent = 2): string {
  return JSON.stringify(orderKeys(node), null, indent);
}

function orderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(orderKeys);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = orderKeys(obj[k]);
  return out;
}

function rank(key: string): number {
  return key === 'kind' ? 0 : key === 'range' ? 2 : 1;
}

/** A placeholder where error recovery lost an expression. */
export function missingExpr(range: SourceRange): Expr {
  return { kind: 'word', text: '', range };
}
