// save(): process a REGISTER against one location table (RFC 3261 §10.3, Kamailio save.c) and
// answer it. Returns 1 inserted, 2 updated, 3 deleted, 4 contacts fetched, -1 error, -2 too many.
import {
  FL_MEM,
  checkCseq,
  findContact,
  isValidContact,
  parseMethodList,
  type ContactInfo,
  type RecordHandle,
  type UContact,
  type UDomain,
} from '../usrloc/index.js';
import type { RegistrarConfig } from './config.js';
import { RegistrarFailure, R, reasonPhrase, type RegError } from './errors.js';
import { contactExpires, parseQ } from './expires.js';
import { extractAor } from './aor.js';
import type { RegisterContext, RequestView, SendReply } from './ports.js';
import type { RegContact } from './register-contacts.js';
import { readRegister, type RegisterRequest } from './register-request.js';
import { parseNameAddr } from './sip-text.js';
import { contactListHeader, errorHeaders } from './reply.js';
import type { SaveFlags } from './save-flags.js';

export interface SaveCall {
  domain: UDomain;
  config: RegistrarConfig;
  now: number;
  request: RequestView;
  context: RegisterContext;
  flags: SaveFlags;
  /** AoR URI given as third argument; the To URI otherwise. */
  uri?: string;
  reply: SendReply;
}

interface Outcome {
  code: number;
  /** Bindings to list in the reply (the record after the change). */
  listed: readonly UContact[];
}

export async function save(call: SaveCall): Promise<number> {
  const { config, now, context } = call;
  const routeType = context.routeType ?? 'request';
  // Kamailio extracts the AoR before anything else and gives up without a reply (-1) when the
  // To header or the AoR is unusable; the script decides what to answer (sl_reply_error).
  const aor = aorOf(call);
  if (aor === undefined) return -1;
  let outcome: Outcome | undefined;
  let failure: RegError | undefined;
  let listed: readonly UContact[] = [];
  try {
    const msg = readRegister(call.request);
    outcome = await call.domain.withRecord(aor, async (record) => {
      try {
        return await applyRegister(call, msg, record);
      } finally {
        listed = [...record.contacts()];
      }
    });
  } catch (err) {
    // Every write is wrapped by guarded(); what is left is reading the record (e.g. database down).
    failure = err instanceof RegistrarFailure ? err.reason : R.UL_GET_R;
  }

  if (failure) {
    if (routeType === 'request' && !call.flags.noReply) {
      const headers = errorHeaders(failure, config);
      const contactHdr = contactListHeader(listed, now, config.receivedParam);
      await call.reply(
        failure.code,
        reasonPhrase(failure.code),
        contactHdr ? [contactHdr, ...headers] : headers,
      );
    }
    return failure === R.TOO_MANY ? -2 : -1;
  }
  const done = outcome!;
  if ((routeType === 'request' || routeType === 'failure') && !call.flags.noReply) {
    const contactHdr = contactListHeader(done.listed, now, config.receivedParam);
    await call.reply(200, 'OK', contactHdr ? [contactHdr] : []);
  }
  return done.code;
}

function aorOf(call: SaveCall): string | undefined {
  let uri = call.uri;
  if (uri === undefined) {
    const to = call.request.headers('to')[0];
    uri = to === undefined ? undefined : parseNameAddr(to)?.uri;
  }
  if (uri === undefined) return undefined;
  try {
    return extractAor(uri, {
      useDomain: call.domain.useDomain,
      caseSensitive: call.config.caseSensitive,
      realmPrefix: call.config.realmPrefix,
    });
  } catch {
    return undefined;
  }
}

async function applyRegister(call: SaveCall, msg: RegisterRequest, record: RecordHandle): Promise<Outcome> {
  if (msg.star) {
    await guarded(R.UL_DEL_R, () => record.removeAll());
    return { code: 3, listed: [] };
  }
  if (msg.contacts.length === 0) return { code: 4, listed: record.contacts() };
  const code =
    record.contacts().length === 0 ? await insertAll(call, msg, record) : await updateAll(call, msg, record);
  return { code, listed: record.contacts() };
}

/** New AoR: insert every contact with a non-zero expires; on failure leave nothing behind. */
async function insertAll(call: SaveCall, msg: RegisterRequest, record: RecordHandle): Promise<number> {
  const maxc = call.flags.maxContacts ?? call.config.maxContacts;
  let num = 0;
  try {
    for (const c of msg.contacts) {
      const expires = contactExpires(c.expires, msg.expiresHeader, call.config);
      if (expires === 0) continue;
      if (maxc > 0 && num >= maxc) throw new RegistrarFailure(R.TOO_MANY);
      num++;
      const info = contactInfo(call, msg, c, expires);
      // The same URI twice in one REGISTER updates the first one (Kamailio's cseq+1 trick).
      const same = findContact(record.contacts(), c.uri, msg.callid, info.path, call.domain.matchingMode);
      if (same) await guarded(R.UL_UPD_C, () => record.update(same, info));
      else await guarded(R.UL_INS_C, () => record.insert(c.uri, info));
    }
  } catch (err) {
    await record.removeAll().catch(() => undefined);
    throw err;
  }
  return 1;
}

/** Known AoR: insert, refresh or remove binding by binding, honouring Call-ID/CSeq order. */
async function updateAll(call: SaveCall, msg: RegisterRequest, record: RecordHandle): Promise<number> {
  const { config, now, domain } = call;
  const maxc = call.flags.maxContacts ?? config.maxContacts;
  if (!call.flags.oneContact && maxc > 0) checkMaxContacts(call, msg, record, maxc);
  let rc = 0;
  for (const c of msg.contacts) {
    const expires = contactExpires(c.expires, msg.expiresHeader, config);
    const info = contactInfo(call, msg, c, expires);
    const existing = findContact(record.contacts(), c.uri, msg.callid, info.path, domain.matchingMode);
    if (existing) {
      const order = checkCseq(existing, msg.callid, msg.cseq, now, domain.cseqDelay);
      if (order === 'invalid-cseq') throw new RegistrarFailure(R.INV_CSEQ);
      if (order === 'retransmission') continue;
      if (expires === 0) {
        await guarded(R.UL_DEL_C, () => record.remove(existing));
        rc = 3;
        continue;
      }
      const updated = await guarded(R.UL_UPD_C, () => record.update(existing, info));
      rc = 2;
      if (call.flags.oneContact) {
        await removeOthers(record, updated);
        break;
      }
    } else {
      if (expires === 0) continue;
      const inserted = await guarded(R.UL_INS_C, () => record.insert(c.uri, info));
      rc = 1;
      if (call.flags.oneContact) {
        await removeOthers(record, inserted);
        break;
      }
    }
  }
  return rc === 0 ? 1 : rc;
}

/** Counts the live bindings the REGISTER would leave (Kamailio test_max_contacts). */
function checkMaxContacts(call: SaveCall, msg: RegisterRequest, record: RecordHandle, maxc: number): void {
  let num = record.contacts().filter((c) => isValidContact(c, call.now)).length;
  for (const c of msg.contacts) {
    const expires = contactExpires(c.expires, msg.expiresHeader, call.config);
    const existing = findContact(record.contacts(), c.uri, msg.callid, undefined, call.domain.matchingMode);
    if (existing) {
      const order = checkCseq(existing, msg.callid, msg.cseq, call.now, call.domain.cseqDelay);
      if (order === 'invalid-cseq') throw new RegistrarFailure(R.INV_CSEQ);
      if (order === 'retransmission') continue;
      if (expires === 0) num--;
    } else if (expires !== 0) {
      num++;
    }
  }
  if (num > maxc) throw new RegistrarFailure(R.TOO_MANY);
}

async function removeOthers(record: RecordHandle, keep: UContact): Promise<void> {
  for (const other of [...record.contacts()]) {
    if (other.ruid !== keep.ruid) await guarded(R.UL_DEL_C, () => record.remove(other));
  }
}

function contactInfo(call: SaveCall, msg: RegisterRequest, c: RegContact, expires: number): ContactInfo {
  const { config, now, context } = call;
  let methods = msg.allow;
  if (c.methods !== undefined) {
    methods = parseMethodList(c.methods);
    if (methods === undefined) throw new RegistrarFailure(R.PARSE);
  }
  const received = c.received ?? context.received;
  const path = config.usePath ? msg.path : undefined;
  let regId = 0;
  if (c.instance !== undefined && c.regId !== undefined) {
    if (!/^\d+$/.test(c.regId) || Number(c.regId) === 0) throw new RegistrarFailure(R.PARSE);
    regId = Number(c.regId);
  }
  return {
    expires: now + expires,
    q: parseQ(c.q, config.defaultQ),
    callid: msg.callid,
    cseq: msg.cseq,
    flags: call.flags.memOnly ? FL_MEM : 0,
    cflags: context.branchFlags ?? 0,
    userAgent: msg.userAgent,
    ...(received ? { received } : {}),
    ...(path ? { path } : {}),
    ...(context.socket ? { socket: context.socket } : {}),
    ...(methods !== undefined ? { methods } : {}),
    ...(c.instance ? { instance: c.instance } : {}),
    regId,
    lastModified: now,
  };
}

/** Runs a usrloc change, turning a storage error into the registrar error Kamailio reports. */
async function guarded<T>(reason: RegError, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof RegistrarFailure) throw err;
    throw new RegistrarFailure(reason);
  }
}
