// Builders for messages we originate: responses (RFC 3261 §8.2.6) and requests (UAC).

import { displayHeaderName, normalizeHeaderName } from './header-names.js';
import type { SipLimits } from './limits.js';
import type { SipMessage } from './message.js';
import { parseMessage } from './parse.js';
import type { SipUri } from './uri.js';

export type HeaderList = Iterable<readonly [string, string]>;

export interface ResponseOptions {
  /** To tag to add when the request's To has none (ignored for 100 Trying). */
  toTag?: string;
  extraHeaders?: HeaderList;
  body?: Buffer | string;
  contentType?: string;
}

const CRLF = '\r\n';

function checkLine(name: string, value: string): string {
  if (/[\r\n]/.test(name) || /[\r\n]/.test(value) || name.length === 0)
    throw new Error(`invalid header ${JSON.stringify(name)}`);
  return `${name}: ${value}${CRLF}`;
}

function assemble(
  head: string,
  headers: HeaderList,
  body: Buffer,
  contentType: string | undefined,
  limits?: Partial<SipLimits>,
): SipMessage {
  let text = head;
  for (const [name, value] of headers) text += checkLine(name, value);
  if (contentType !== undefined) text += checkLine('Content-Type', contentType);
  text += `Content-Length: ${body.length}${CRLF}${CRLF}`;
  const result = parseMessage(Buffer.concat([Buffer.from(text, 'utf8'), body]), limits);
  if (!result.ok) throw new Error(`built message does not parse: ${result.error.detail}`);
  return result.message;
}

/** A response to request: copies Via(s), From, To (+ tag), Call-ID, CSeq (and Timestamp for 100). */
export function buildResponse(
  request: SipMessage,
  status: number,
  reason: string,
  options: ResponseOptions = {},
): SipMessage {
  if (!request.isRequest) throw new Error('buildResponse needs a request');
  if (!Number.isInteger(status) || status < 100 || status > 699) throw new Error(`invalid status ${status}`);
  if (/[\r\n]/.test(reason)) throw new Error('reason phrase must not contain CR or LF');
  const headers: [string, string][] = [];
  for (const via of request.headerAll('via')) headers.push(['Via', via]);
  headers.push(['From', request.header('from') ?? '']);
  let to = request.header('to') ?? '';
  if (options.toTag !== undefined && status > 100 && request.toTag === undefined)
    to += ';tag=' + options.toTag;
  headers.push(['To', to]);
  headers.push(['Call-ID', request.callId]);
  headers.push(['CSeq', `${request.cseq.seq} ${request.cseq.method}`]);
  const timestamp = request.header('timestamp');
  if (status === 100 && timestamp !== undefined) headers.push(['Timestamp', timestamp]);
  for (const [name, value] of options.extraHeaders ?? []) headers.push([name, value]);
  const body =
    typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : (options.body ?? Buffer.alloc(0));
  return assemble(`SIP/2.0 ${status} ${reason}${CRLF}`, headers, body, options.contentType);
}

export interface RequestSpec {
  method: string;
  uri: string | SipUri;
  /** Must include Via, From, To, Call-ID and CSeq; Max-Forwards: 70 is added when absent. */
  headers: HeaderList;
  body?: Buffer | string;
  contentType?: string;
  limits?: Partial<SipLimits>;
}

/** A new request (UAC); throws when the result would not parse. */
export function buildRequest(spec: RequestSpec): SipMessage {
  const uri = spec.uri.toString();
  if (/[\s<>]/.test(uri) || /\s/.test(spec.method)) throw new Error('invalid method or Request-URI');
  const headers: [string, string][] = [];
  let hasMaxForwards = false;
  for (const [name, value] of spec.headers) {
    const key = normalizeHeaderName(name);
    if (key === 'content-length') continue;
    if (key === 'max-forwards') hasMaxForwards = true;
    headers.push([name.length === 1 ? displayHeaderName(key) : name, value]);
  }
  if (!hasMaxForwards) headers.push(['Max-Forwards', '70']);
  const body =
    typeof spec.body === 'string' ? Buffer.from(spec.body, 'utf8') : (spec.body ?? Buffer.alloc(0));
  return assemble(`${spec.method} ${uri} SIP/2.0${CRLF}`, headers, body, spec.contentType, spec.limits);
}
