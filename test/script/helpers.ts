// Builds real SipMessages with the message layer's parser and wraps them in a ScriptContext.
import { parseMessage, type SipMessage } from '../../runtime/core/sip/index.js';
import { ScriptContext, ScriptProcess } from '../../runtime/core/script/context.js';
import { ScriptLogger } from '../../runtime/core/script/logger.js';
import type { Dialect, RouteType } from '../../runtime/modules/types.js';

export interface RequestOptions {
  method?: string;
  ruri?: string;
  from?: string;
  to?: string;
  headers?: string[];
  body?: string;
}

export function requestText(o: RequestOptions = {}): string {
  const method = o.method ?? 'INVITE';
  const body = o.body ?? '';
  return [
    `${method} ${o.ruri ?? 'sip:bob@example.com'} SIP/2.0`,
    'Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK776asdhds',
    'Max-Forwards: 70',
    `To: ${o.to ?? 'Bob <sip:bob@example.com>'}`,
    `From: ${o.from ?? 'Alice <sip:alice@example.org>;tag=1928301774'}`,
    'Call-ID: a84b4c76e66710@pc33.example.org',
    `CSeq: 314159 ${method}`,
    'Contact: <sip:alice@192.0.2.10:5062>',
    ...(o.headers ?? []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

export function parse(text: string): SipMessage {
  const r = parseMessage(Buffer.from(text));
  if (!r.ok) throw new Error(`test message does not parse: ${r.error.detail}`);
  return r.message;
}

export interface CtxOptions extends RequestOptions {
  dialect?: Dialect;
  routeType?: RouteType;
  proc?: ScriptProcess;
  text?: string;
}

export function makeProcess(dialect: Dialect = 'K3'): { proc: ScriptProcess; lines: string[] } {
  const proc = new ScriptProcess(dialect);
  const lines: string[] = [];
  proc.logger = new ScriptLogger(3, (line) => lines.push(line));
  proc.myself.add('127.0.0.1', 5060).add('example.com');
  return { proc, lines };
}

export function makeCtx(o: CtxOptions = {}): ScriptContext {
  const proc = o.proc ?? makeProcess(o.dialect).proc;
  const msg = parse(o.text ?? requestText(o));
  return new ScriptContext(
    msg,
    { proto: 'udp', srcIp: '192.0.2.10', srcPort: 5062, localIp: '127.0.0.1', localPort: 5060 },
    proc,
    o.routeType ?? 'request',
  );
}

export const REPLY_TEXT = [
  'SIP/2.0 486 Busy Here',
  'Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK776asdhds',
  'To: Bob <sip:bob@example.com>;tag=a6c85cf',
  'From: Alice <sip:alice@example.org>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.example.org',
  'CSeq: 314159 INVITE',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');
