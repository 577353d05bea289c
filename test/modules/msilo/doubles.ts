// In-memory silo table, UAC and request doubles for msilo unit tests.
import type { NewSiloMessage, SiloMessage } from '../../../runtime/db/index.js';
import type {
  MsiloRequest,
  MsiloStorage,
  MsiloUac,
  UacRequest,
} from '../../../runtime/modules/msilo/index.js';

export class MemorySilo implements MsiloStorage {
  readonly rows = new Map<number, SiloMessage>();
  private nextId = 1;
  failing = false;
  /** When set, insert waits for this promise before committing. */
  insertGate: Promise<void> | undefined;
  readonly log: string[] = [];

  private check(): void {
    if (this.failing) throw new Error('database unavailable');
  }
  async insert(m: NewSiloMessage): Promise<number> {
    this.check();
    if (this.insertGate) await this.insertGate;
    const id = this.nextId++;
    this.rows.set(id, {
      id,
      srcAddr: m.srcAddr,
      dstAddr: m.dstAddr,
      username: m.username,
      domain: m.domain,
      incTime: m.incTime,
      expTime: m.expTime,
      sndTime: m.sndTime ?? 0,
      ctype: m.ctype ?? 'text/plain',
      body: Buffer.from(m.body),
      extraHdrs: m.extraHdrs ?? '',
      callid: m.callid ?? '',
      status: m.status ?? 0,
    });
    this.log.push(`insert ${id}`);
    return id;
  }
  async countByOwner(username: string, domain: string): Promise<number> {
    this.check();
    return [...this.rows.values()].filter((r) => r.username === username && r.domain === domain).length;
  }
  async pendingByOwner(username: string, domain: string): Promise<SiloMessage[]> {
    this.check();
    return [...this.rows.values()].filter(
      (r) => r.username === username && r.domain === domain && r.sndTime === 0,
    );
  }
  async deleteByIds(ids: readonly number[]): Promise<number> {
    this.check();
    let n = 0;
    for (const id of ids) if (this.rows.delete(id)) n++;
    this.log.push(`delete ${ids.join(',')}`);
    return n;
  }
  async deleteExpired(now: number): Promise<number> {
    this.check();
    let n = 0;
    for (const [id, r] of this.rows) if (r.expTime <= now && this.rows.delete(id)) n++;
    this.log.push('deleteExpired');
    return n;
  }
  async dueReminders(now: number): Promise<SiloMessage[]> {
    this.check();
    return [...this.rows.values()].filter((r) => r.sndTime !== 0 && r.sndTime <= now);
  }
  async resetSendTime(ids: readonly number[]): Promise<number> {
    this.check();
    for (const id of ids) {
      const r = this.rows.get(id);
      if (r) this.rows.set(id, { ...r, sndTime: 0 });
    }
    return ids.length;
  }
}

/** A UAC whose answers the test gives one by one. */
export class ScriptedUac implements MsiloUac {
  readonly sent: UacRequest[] = [];
  private readonly pending: ((code: number) => void)[] = [];
  send(request: UacRequest): Promise<number> {
    this.sent.push(request);
    return new Promise((resolve) => this.pending.push(resolve));
  }
  /** Answers the oldest unanswered request and lets its completion run. */
  async answer(code: number): Promise<void> {
    const next = this.pending.shift();
    if (!next) throw new Error('nothing to answer');
    next(code);
    await new Promise((r) => setImmediate(r));
  }
}

export interface RequestSpec {
  method?: string;
  ruri?: string;
  newRuri?: string;
  headers: readonly string[];
  body?: string;
  flags?: readonly number[];
  vars?: Readonly<Record<string, string>>;
}

/** A request double; `expand` replaces `$var(name)` from `vars` and `$fu` with the From URI. */
export function msiloRequest(spec: RequestSpec): MsiloRequest {
  const body = Buffer.from(spec.body ?? '');
  const lines = [...spec.headers];
  if (spec.body !== undefined && !lines.some((l) => /^content-length:/i.test(l))) {
    lines.push(`Content-Length: ${body.length}`);
  }
  const fields = lines.map((l) => {
    const colon = l.indexOf(':');
    return { name: l.slice(0, colon).trim(), value: l.slice(colon + 1).trim() };
  });
  return {
    method: spec.method ?? 'MESSAGE',
    originalRuri: spec.ruri ?? 'sip:bob@example.com',
    newRuri: spec.newRuri,
    headers: (name) => fields.filter((f) => f.name.toLowerCase() === name.toLowerCase()).map((f) => f.value),
    headerFields: () => fields,
    body,
    isFlagSet: (f) => (spec.flags ?? []).includes(f),
    expand: (s) => s.replace(/\$var\((\w+)\)/g, (_m, n: string) => spec.vars?.[n] ?? ''),
  };
}

export const MESSAGE_HEADERS = [
  'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKm1',
  'From: "Alice" <sip:alice@example.com>;tag=a1',
  'To: <sip:bob@example.com>',
  'Call-ID: msg-1',
  'CSeq: 1 MESSAGE',
  'Content-Type: text/plain',
];
