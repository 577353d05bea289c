// Builds the registrar's reply: the Contact list of a 200 and the error headers of a failure.
import { isValidContact, type UContact } from '../usrloc/index.js';
import type { RegistrarConfig } from './config.js';
import type { RegError } from './errors.js';
import { q2str } from './expires.js';

/** One Contact header listing every live binding with `;expires=` (Kamailio build_contact). */
export function contactListHeader(
  contacts: readonly UContact[],
  now: number,
  receivedParam: string,
): string | undefined {
  const items: string[] = [];
  for (const c of contacts) {
    if (!isValidContact(c, now)) continue;
    let s = `<${c.contact}>`;
    if (c.q >= 0) s += `;q=${q2str(c.q)}`;
    s += `;expires=${c.expires === 0 ? 0 : c.expires - now}`;
    if (c.received) s += `;${receivedParam}="${c.received}"`;
    if (c.instance) s += `;+sip.instance="${c.instance.replace(/^"|"$/g, '')}"`;
    if (c.regId > 0) s += `;reg-id=${c.regId}`;
    items.push(s);
  }
  return items.length === 0 ? undefined : `Contact: ${items.join(', ')}`;
}

export function errorHeaders(err: RegError, cfg: RegistrarConfig): string[] {
  const headers = [`P-Registrar-Error: ${err.info}`];
  if (err.code === 423) headers.push(`Min-Expires: ${cfg.minExpires}`);
  if (err.code >= 500 && err.code < 600 && cfg.retryAfter > 0) headers.push(`Retry-After: ${cfg.retryAfter}`);
  return headers;
}
