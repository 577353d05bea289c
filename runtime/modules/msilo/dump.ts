// m_dump: on REGISTER, send the owner's stored messages through the UAC. Each message enters the
// in-flight list before it is sent, so a second REGISTER meanwhile cannot send it twice; a 2xx
// deletes the row at once (a restart cannot re-deliver it), a failure keeps it for a later dump.
import { parseMethodList } from '../usrloc/index.js';
import { methodBit } from '../usrloc/methods.js';
import { parseNameAddr, splitTopLevel } from '../registrar/sip-text.js';
import type { SiloMessage } from '../../db/index.js';
import type { MsiloConfig } from './config.js';
import { headerLines, offlineBody } from './content.js';
import type { InFlight } from './in-flight.js';
import { dumpOwner, toUriOf } from './owner.js';
import type { MsiloRequest, MsiloStorage, MsiloUac, UacRequest } from './ports.js';
import { rfc1123 } from './time-format.js';

export interface DumpDeps {
  config: MsiloConfig;
  storage: MsiloStorage;
  uac: MsiloUac;
  inFlight: InFlight;
  onError?: (err: unknown) => void;
}

const MESSAGE_BIT = methodBit('MESSAGE');

/**
 * Kamailio 3+: dump only when some contact with a positive expires takes MESSAGE — by its
 * `methods` param, or (without one) by the Allow header — or when there is no Allow header.
 */
export function registerAcceptsMessage(req: MsiloRequest): boolean {
  const allowHeaders = req.headers('allow');
  let allowMessage = false;
  for (const h of allowHeaders) {
    const mask = parseMethodList(h);
    if (mask !== undefined && (mask & MESSAGE_BIT) !== 0) allowMessage = true;
  }
  const contactHeaders = req.headers('contact');
  if (contactHeaders.length === 0) return false;
  const entries = contactHeaders.flatMap((h) => splitTopLevel(h, ',').map((s) => s.trim()));
  if (entries[0] === '*') return false;
  const expiresHeader = req.headers('expires')[0];
  let positive = false;
  for (const entry of entries) {
    const c = parseNameAddr(entry);
    if (!c) return false;
    const param = c.params.get('expires');
    // Neither param nor header: the registrar's default, never 0. Like Kamailio, an unparsable
    // param leaves that default and an unparsable header reads as 0 (atoi).
    let expires = 1;
    if (param !== undefined && param !== '') {
      if (/^\d+$/.test(param.trim())) expires = Number(param.trim());
    } else if (expiresHeader !== undefined && expiresHeader.trim() !== '') {
      expires = parseInt(expiresHeader, 10) || 0;
    }
    if (expires <= 0) continue;
    positive = true;
    const methods = c.params.get('methods');
    if (methods !== undefined) {
      const mask = parseMethodList(methods);
      if (mask === undefined) return false;
      if ((mask & MESSAGE_BIT) !== 0) return true;
    } else if (allowMessage) {
      return true;
    }
  }
  return positive && allowHeaders.length === 0;
}

/** SER / OpenSIPS: only "Expires: 0" (the user goes offline) stops the dump. */
function registerGoesOffline(req: MsiloRequest): boolean {
  const e = req.headers('expires')[0];
  return e !== undefined && e.trim() !== '' && (parseInt(e, 10) || 0) <= 0;
}

function dumpedMessage(
  config: MsiloConfig,
  row: SiloMessage,
  registerTo: string,
  extraParam: string,
): UacRequest {
  const ser = config.flavor === 'ser';
  const headers: string[] = [];
  if (!ser) headers.push(`Date: ${rfc1123(row.incTime)}`);
  headers.push(`Content-Type: ${row.ctype}`);
  if (ser) headers.push(`Contact: <${row.srcAddr}>`);
  else if (config.addContact) headers.push(`Contact: <${row.srcAddr}>;msilo=yes`);
  headers.push(...headerLines(extraParam), ...headerLines(row.extraHdrs));
  return {
    method: 'MESSAGE',
    // SER addressed the REGISTER's To URI and kept the original To; Kamailio uses dst_addr for both.
    ruri: ser ? registerTo : row.dstAddr,
    to: row.dstAddr,
    from: row.srcAddr,
    headers,
    body: offlineBody(row.body, row.ctype, row.incTime, config.addDate, config.flavor),
    ...((config.useMode & 1) !== 0 && row.callid !== '' ? { callId: row.callid } : {}),
    ...(config.outboundProxy ? { outboundProxy: config.outboundProxy } : {}),
  };
}

/** m_dump([owner[, maxmsgs]]); OpenSIPS 3 sends at most maxmsgs messages per call (0 = all). */
export async function mDump(
  deps: DumpDeps,
  req: MsiloRequest,
  ownerUri?: string,
  maxMessages = 0,
): Promise<number> {
  const { config } = deps;
  const registerTo = toUriOf(req);
  if (registerTo === undefined) return -1;
  if (req.method.toUpperCase() === 'REGISTER') {
    const refuse = config.flavor === 'kamailio' ? !registerAcceptsMessage(req) : registerGoesOffline(req);
    if (refuse) return -1;
  }
  const owner = dumpOwner(req, ownerUri);
  if (!owner) return -1;

  let rows: SiloMessage[];
  try {
    rows = await deps.storage.pendingByOwner(owner.username, owner.domain);
  } catch (err) {
    deps.onError?.(err);
    return -1;
  }
  const extraParam = config.extraHdrs === undefined ? '' : req.expand(config.extraHdrs);
  let sent = 0;
  for (const row of rows) {
    if (deps.inFlight.has(row.id)) continue;
    if (maxMessages > 0 && sent >= maxMessages) break;
    sent++;
    deps.inFlight.start(row.id, false);
    const message = dumpedMessage(config, row, registerTo, extraParam);
    deps.uac.send(message).then(
      (code) => settle(deps, row.id, code),
      (err: unknown) => {
        deps.inFlight.settle(row.id, 'error');
        deps.onError?.(err);
      },
    );
  }
  return 1;
}

/** Completion of one delivery: 2xx deletes the row, anything else leaves it for a later dump. */
export async function settle(
  deps: Pick<DumpDeps, 'storage' | 'inFlight' | 'onError'>,
  id: number,
  code: number,
): Promise<void> {
  if (code < 200) return;
  if (code >= 300) {
    deps.inFlight.settle(id, 'error');
    return;
  }
  deps.inFlight.settle(id, 'done');
  try {
    await deps.storage.deleteByIds([id]);
    deps.inFlight.markDeleted(id);
  } catch (err) {
    // Left to the clean timer, which deletes every delivered message still in the list.
    deps.onError?.(err);
  }
}
