// A parsed SIP message. The raw bytes are kept; the routing headers are parsed when the message is
// parsed, everything else on first access. Reads return the message as received; edits are recorded
// and applied by serialize() (see edits.ts).

import type { CSeq } from './cseq.js';
import { MessageEdits, headerLine, removalKey, renderEdited, type EditSource } from './edits.js';
import { HeaderTable, decodeValue } from './header-table.js';
import { displayHeaderName, isListHeader, normalizeHeaderName } from './header-names.js';
import { parseNameAddrList, type NameAddr } from './name-addr.js';
import { splitTopLevel } from './text.js';
import type { SipUri } from './uri.js';
import type { Via } from './via.js';

/** Everything parseMessage established; the constructor only stores it. */
export interface SipMessageInit {
  raw: Buffer;
  isRequest: boolean;
  method: string;
  requestUri: SipUri | undefined;
  status: number;
  reason: string;
  version: string;
  startLineStart: number;
  startLineEnd: number;
  headers: HeaderTable;
  /** Field values already decoded while parsing (sparse), reused as the cache. */
  values: (string | undefined)[];
  body: Buffer;
  bodyEnd: number;
  callId: string;
  cseq: CSeq;
  from: NameAddr;
  to: NameAddr;
  vias: Via[];
  maxForwards: number | undefined;
  contentLength: number | undefined;
  contacts: NameAddr[];
  contactStar: boolean;
}

export interface HeaderField {
  /** Normalised name: lower case, compact forms expanded. */
  name: string;
  /** Unfolded, trimmed value. */
  value: string;
}

export class SipMessage implements EditSource {
  readonly raw: Buffer;
  readonly isRequest: boolean;
  /** Request method; for responses the CSeq method. */
  readonly method: string;
  /** Request-URI (requests only). */
  readonly requestUri: SipUri | undefined;
  /** Status code (responses only; 0 for requests). */
  readonly status: number;
  readonly reason: string;
  /** "SIP/2.0" as written. */
  readonly version: string;
  readonly startLineStart: number;
  readonly startLineEnd: number;
  readonly headers: HeaderTable;
  /** Body bytes, exactly Content-Length of them (a view into raw). */
  readonly body: Buffer;
  readonly callId: string;
  readonly cseq: CSeq;
  readonly from: NameAddr;
  readonly to: NameAddr;
  /** All Via values, top first. */
  readonly vias: Via[];
  readonly maxForwards: number | undefined;
  /** Content-Length as declared; undefined when the header is absent (datagram: body = rest). */
  readonly contentLength: number | undefined;
  /** Contact values in order (empty when none or "*"). */
  readonly contacts: NameAddr[];
  /** "Contact: *" (REGISTER removing all bindings). */
  readonly contactStar: boolean;

  private readonly bodyEnd: number;
  private readonly valueCache: (string | undefined)[];
  private edits: MessageEdits | undefined;
  private rendered: Buffer | undefined;

  constructor(init: SipMessageInit) {
    this.raw = init.raw;
    this.isRequest = init.isRequest;
    this.method = init.method;
    this.requestUri = init.requestUri;
    this.status = init.status;
    this.reason = init.reason;
    this.version = init.version;
    this.startLineStart = init.startLineStart;
    this.startLineEnd = init.startLineEnd;
    this.headers = init.headers;
    this.valueCache = init.values;
    this.body = init.body;
    this.bodyEnd = init.bodyEnd;
    this.callId = init.callId;
    this.cseq = init.cseq;
    this.from = init.from;
    this.to = init.to;
    this.vias = init.vias;
    this.maxForwards = init.maxForwards;
    this.contentLength = init.contentLength;
    this.contacts = init.contacts;
    this.contactStar = init.contactStar;
  }

  get isResponse(): boolean {
    return !this.isRequest;
  }

  /** Top Via. */
  get via(): Via {
    return this.vias[0] as Via;
  }

  get fromTag(): string | undefined {
    return this.from.tag;
  }

  get toTag(): string | undefined {
    return this.to.tag;
  }

  /** The start line as text (without CRLF). */
  get startLine(): string {
    return this.raw.toString('utf8', this.startLineStart, this.startLineEnd).replace(/\r?\n$/, '');
  }

  // ---- header access (original values) ----

  /** Unfolded, trimmed value of field i (cached). */
  valueAt(i: number): string {
    let v = this.valueCache[i];
    if (v === undefined) {
      v = decodeValue(this.raw, this.headers.valueStart(i), this.headers.valueEnd(i));
      this.valueCache[i] = v;
    }
    return v;
  }

  /** Whether at least one field of this name is present (compact and long names are the same header). */
  has(name: string): boolean {
    return this.headers.names.includes(normalizeHeaderName(name));
  }

  /** Value of the first field of this name. */
  header(name: string): string | undefined {
    const i = this.headers.names.indexOf(normalizeHeaderName(name));
    return i < 0 ? undefined : this.valueAt(i);
  }

  /** Values of all fields of this name, one per field line. */
  headerAll(name: string): string[] {
    return this.headers.indicesOf(normalizeHeaderName(name)).map((i) => this.valueAt(i));
  }

  /** All values of this name, list headers split on top-level commas (Route, Allow, Supported …). */
  headerValues(name: string): string[] {
    const key = normalizeHeaderName(name);
    const fields = this.headers.indicesOf(key).map((i) => this.valueAt(i));
    if (!isListHeader(key)) return fields;
    return fields.flatMap((v) => splitTopLevel(v).filter((x) => x.length > 0));
  }

  /** Every field in wire order with normalised names. */
  headerFields(): HeaderField[] {
    return this.headers.names.map((name, i) => ({ name, value: this.valueAt(i) }));
  }

  /** Route values, top first; undefined when a Route value is malformed. */
  routes(): NameAddr[] | undefined {
    return this.addressList('route');
  }

  recordRoutes(): NameAddr[] | undefined {
    return this.addressList('record-route');
  }

  /** Parses every field of an address-list header (Route, Record-Route, Path, …); undefined when malformed. */
  addressList(name: string): NameAddr[] | undefined {
    try {
      return this.headerAll(name).flatMap((v) => parseNameAddrList(v));
    } catch {
      return undefined;
    }
  }

  /** Expires header as a number; undefined when absent or malformed. */
  get expires(): number | undefined {
    const v = this.header('expires');
    if (v === undefined || !/^\d{1,10}$/.test(v)) return undefined;
    const n = Number(v);
    return n <= 0xffffffff ? n : undefined;
  }

  get contentType(): string | undefined {
    return this.header('content-type');
  }

  // ---- deferred edits ----

  private edit(): MessageEdits {
    this.rendered = undefined;
    if (!this.edits) this.edits = new MessageEdits();
    return this.edits;
  }

  get hasEdits(): boolean {
    return this.edits !== undefined;
  }

  /** Adds a header field at the end of the headers, or before the first one. */
  addHeader(name: string, value: string, where: 'append' | 'prepend' = 'append'): void {
    const line = headerLine(name, value);
    const e = this.edit();
    if (where === 'prepend') e.prepended.push(line);
    else e.appended.push(line);
  }

  /** Removes every original field of that name (compact forms included); headers added later stay. */
  removeHeader(name: string): void {
    this.edit().removed.add(removalKey(name));
  }

  /**
   * Replaces the header: the first field of that name gets the new value in place, further fields
   * are dropped; appended when absent (Max-Forwards decrement, Contact rewrite …).
   */
  replaceHeader(name: string, value: string): void {
    const key = removalKey(name);
    headerLine(name, value);
    if (key === 'content-length' || key === 'via')
      throw new Error(`use setBody/prependVia/setTopViaParams for ${key}`);
    this.edit().replaced.set(key, [name.length === 1 ? displayHeaderName(key) : name, value]);
  }

  /**
   * Drops the topmost value of a list header (loose routing pops our own Route entry); repeated calls
   * drop further values, whether they share one comma-separated field or not.
   */
  removeTopValue(name: string): void {
    const key = removalKey(name);
    const e = this.edit();
    e.poppedValues.set(key, (e.poppedValues.get(key) ?? 0) + 1);
  }

  setRequestUri(uri: string | SipUri): void {
    if (!this.isRequest) throw new Error('only requests have a Request-URI');
    const text = uri.toString();
    if (/[\s<>]/.test(text)) throw new Error(`invalid Request-URI ${JSON.stringify(text)}`);
    this.edit().requestUri = text;
  }

  /** Puts a new Via above the current top one (the newest call ends up on top). */
  prependVia(via: string | Via): void {
    const text = via.toString();
    headerLine('Via', text);
    this.edit().newVias.unshift(text);
  }

  /** Sets or replaces parameters on the received top Via (received, rport=…); undefined removes one. */
  setTopViaParams(
    params:
      { received?: string; rport?: number | true } | Iterable<readonly [string, string | null | undefined]>,
  ): void {
    const e = this.edit();
    const base = e.topVia ?? this.via;
    let changes: (readonly [string, string | null | undefined])[];
    if (Symbol.iterator in params) changes = [...params];
    else {
      changes = [];
      if (params.received !== undefined) changes.push(['received', params.received]);
      if (params.rport !== undefined)
        changes.push(['rport', params.rport === true ? null : String(params.rport)]);
    }
    e.topVia = base.withParams(changes);
  }

  /** Replaces the body (and Content-Type when given); Content-Length follows. */
  setBody(body: Buffer | string, contentType?: string): void {
    const e = this.edit();
    e.body = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (contentType !== undefined) {
      headerLine('Content-Type', contentType);
      e.contentType = contentType;
    }
  }

  /**
   * Wire form. Without edits: the received bytes up to the end of the body (trailing datagram junk is
   * never included). With edits: rebuilt once and cached until the next edit.
   */
  serialize(): Buffer {
    if (!this.edits) return this.raw.subarray(this.startLineStart, this.bodyEnd);
    if (!this.rendered) this.rendered = renderEdited(this, this.edits);
    return this.rendered;
  }
}
