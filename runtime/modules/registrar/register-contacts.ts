// Reads the Contact headers of a REGISTER and applies Kamailio's check_contacts rules: a `*`
// must come alone and with `Expires: 0`, URIs must fit the location columns.
import { RegistrarFailure, R } from './errors.js';
import { parseNameAddr, splitTopLevel, unquote } from './sip-text.js';

const CONTACT_MAX_SIZE = 512;
const RECEIVED_MAX_SIZE = 255;

export interface RegContact {
  uri: string;
  expires?: string;
  q?: string;
  methods?: string;
  received?: string;
  instance?: string;
  regId?: string;
}

export interface RegisterContacts {
  star: boolean;
  contacts: RegContact[];
}

export function readRegisterContacts(
  headers: readonly string[],
  expiresHeader: number | undefined,
): RegisterContacts {
  if (headers.length === 0) return { star: false, contacts: [] };
  const entries = headers.map((h) => splitTopLevel(h, ',').map((s) => s.trim()));
  const firstIsStar = entries[0]!.length === 1 && entries[0]![0] === '*';
  if (firstIsStar) {
    // A star needs an explicit "Expires: 0" (no header means default_expires, which is not 0).
    if (expiresHeader !== 0) throw new RegistrarFailure(R.STAR_EXP);
    if (headers.length > 1) throw new RegistrarFailure(R.STAR_CONT);
    return { star: true, contacts: [] };
  }
  const contacts: RegContact[] = [];
  for (const list of entries) {
    for (const item of list) {
      if (item === '*') throw new RegistrarFailure(R.STAR_CONT);
      if (item === '') throw new RegistrarFailure(R.PARSE_CONT);
      const na = parseNameAddr(item);
      if (!na) throw new RegistrarFailure(R.PARSE_CONT);
      if (na.uri.length > CONTACT_MAX_SIZE) throw new RegistrarFailure(R.CONTACT_LEN);
      const received = na.params.get('received');
      if (received !== undefined && unquote(received).length > RECEIVED_MAX_SIZE) {
        throw new RegistrarFailure(R.CONTACT_LEN);
      }
      const c: RegContact = { uri: na.uri };
      const p = (name: string): string | undefined => {
        const v = na.params.get(name);
        return v === undefined ? undefined : unquote(v);
      };
      const expires = p('expires');
      if (expires !== undefined) c.expires = expires;
      if (na.params.has('q')) c.q = p('q') ?? '';
      const methods = p('methods');
      if (methods !== undefined) c.methods = methods;
      if (received !== undefined) c.received = unquote(received);
      const instance = na.params.get('+sip.instance');
      if (instance !== undefined) c.instance = instance;
      const regId = p('reg-id');
      if (regId !== undefined) c.regId = regId;
      contacts.push(c);
    }
  }
  return { star: false, contacts };
}
