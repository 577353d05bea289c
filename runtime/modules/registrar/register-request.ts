// Everything save() reads from a REGISTER, checked the way Kamailio's registrar checks it
// (parse_message / pack_ci), so failures carry Kamailio's reply code and P-Registrar-Error.
import { parseMethodList } from '../usrloc/index.js';
import { RegistrarFailure, R } from './errors.js';
import { parseExpiresHeader } from './expires.js';
import type { RequestView } from './ports.js';
import { readRegisterContacts, type RegisterContacts } from './register-contacts.js';
import { parseNameAddr } from './sip-text.js';

const CALLID_MAX_SIZE = 255;
const UA_MAX_SIZE = 255;

export interface RegisterRequest extends RegisterContacts {
  toUri: string;
  callid: string;
  cseq: number;
  expiresHeader: number | undefined;
  /** Method mask from Allow; undefined when there is no Allow header (= all methods). */
  allow: number | undefined;
  userAgent: string;
  path: string | undefined;
}

export function readRegister(req: RequestView): RegisterRequest {
  const to = req.headers('to');
  if (to.length === 0) throw new RegistrarFailure(R.TO_MISS);
  const toAddr = parseNameAddr(to[0]!);
  if (!toAddr) throw new RegistrarFailure(R.PARSE);

  const callids = req.headers('call-id');
  if (callids.length === 0) throw new RegistrarFailure(R.CID_MISS);
  const callid = callids[0]!.trim();
  if (callid.length > CALLID_MAX_SIZE) throw new RegistrarFailure(R.CALLID_LEN);

  const cseqs = req.headers('cseq');
  if (cseqs.length === 0) throw new RegistrarFailure(R.CS_MISS);
  const cseqText = cseqs[0]!.trim().split(/\s+/)[0] ?? '';
  if (!/^\d{1,10}$/.test(cseqText) || Number(cseqText) > 0xffffffff) throw new RegistrarFailure(R.INV_CSEQ);

  const expiresHeader = parseExpiresHeader(req.headers('expires'));
  const contacts = readRegisterContacts(req.headers('contact'), expiresHeader);

  const allowHeaders = req.headers('allow');
  let allow: number | undefined;
  if (allowHeaders.length > 0) {
    allow = 0;
    for (const h of allowHeaders) {
      const mask = parseMethodList(h);
      if (mask === undefined) throw new RegistrarFailure(R.PARSE);
      allow |= mask;
    }
    allow >>>= 0;
  }

  const ua = (req.headers('user-agent')[0] ?? '').trim();
  const path = req.headers('path').map((p) => p.trim());

  return {
    ...contacts,
    toUri: toAddr.uri,
    callid,
    cseq: Number(cseqText),
    expiresHeader,
    allow,
    userAgent: ua.length > 0 && ua.length < UA_MAX_SIZE ? ua : 'n/a',
    path: path.length > 0 ? path.join(',') : undefined,
  };
}
