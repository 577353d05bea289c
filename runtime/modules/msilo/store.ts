// m_store: keep a MESSAGE for an offline user. Resolves 1 only after the INSERT has committed,
// so the script's "202 Accepted" can never precede the commit; -1 on any failure (incl. an
// unreachable database), so the script answers 503 instead.
import type { NewSiloMessage } from '../../db/index.js';
import type { MsiloConfig } from './config.js';
import { extraHeaders, storedContentType, storedLifetime } from './content.js';
import { fromUriOf, storeOwner, toUriOf, type StoreOwnerSpec } from './owner.js';
import { offlineNotice } from './notify.js';
import type { MsiloRequest, MsiloStorage, MsiloUac } from './ports.js';
import { parseSendTime } from './time-format.js';

export interface StoreDeps {
  config: MsiloConfig;
  storage: MsiloStorage;
  uac: MsiloUac;
  now: () => number;
  onError?: (err: unknown) => void;
}

export async function mStore(deps: StoreDeps, req: MsiloRequest, spec: StoreOwnerSpec): Promise<number> {
  const { config } = deps;
  // 1. a body announced by a positive Content-Length
  const length = req.headers('content-length')[0];
  if (length === undefined || !(parseInt(length, 10) > 0) || req.body.length === 0) return -1;

  const toUri = toUriOf(req);
  const fromUri = fromUriOf(req);
  if (toUri === undefined || fromUri === undefined) return -1;
  if (config.registrar !== undefined) {
    // SER/OpenSER refuse what their own notices would loop into.
    const reg = config.registrar.toLowerCase();
    if (toUri.toLowerCase() === reg || fromUri.toLowerCase() === reg) return -1;
  }

  const owner = storeOwner(req, spec);
  if (!owner) return -1;

  const ctype = storedContentType(req.headers('content-type')[0]);
  if (ctype === undefined) return -1;

  const extra = req.extraHdrsAvp ?? extraHeaders(req.headerFields());
  if (extra === undefined) return -1;

  const now = deps.now();
  const sndTime = req.sndTimeAvp === undefined ? 0 : (parseSendTime(req.sndTimeAvp) ?? 0);
  const callid = (config.useMode & 1) !== 0 ? (req.headers('call-id')[0] ?? '').trim() : '';
  const row: NewSiloMessage = {
    srcAddr: fromUri,
    dstAddr: toUri,
    username: owner.username,
    domain: owner.domain,
    incTime: now,
    expTime: now + storedLifetime(req.headers('expires')[0], config.expireTime),
    sndTime,
    ctype,
    body: req.body,
    extraHdrs: extra,
    callid,
  };

  try {
    if (config.maxMessages > 0) {
      const count = await deps.storage.countByOwner(owner.username, owner.domain);
      if (count >= config.maxMessages) return -1;
    }
    await deps.storage.insert(row);
  } catch (err) {
    deps.onError?.(err);
    return -1;
  }

  const notice = offlineNotice(config, req, fromUri, toUri);
  if (notice) {
    // Fire and forget, as Kamailio does: the stored message does not depend on the notice.
    deps.uac.send(notice).catch((err: unknown) => deps.onError?.(err));
  }
  return 1;
}
