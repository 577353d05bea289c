// The MESSAGE that tells the sender its message was stored (m_store's offline notice).
import { parseNameAddr, splitTopLevel } from '../registrar/sip-text.js';
import type { MsiloConfig } from './config.js';
import { headerLines } from './content.js';
import type { MsiloRequest, UacRequest } from './ports.js';

const SER_NOTICE = '] is offline. The message will be delivered when user goes online.';

/** Where the notice goes: the sender's first Contact when it is a usable sip: URI, else its From URI. */
function noticeTarget(req: MsiloRequest, fromUri: string, useContact: boolean): string {
  if (!useContact) return fromUri;
  const first = req.headers('contact')[0];
  if (first === undefined) return fromUri;
  const na = parseNameAddr(splitTopLevel(first, ',')[0] ?? '');
  const uri = na?.uri;
  if (!uri || uri.length < 6 || !uri.startsWith('sip:') || uri[4] === ' ') return fromUri;
  return uri;
}

/** Builds the notice, or undefined when none is configured (or it evaluates to nothing). */
export function offlineNotice(
  config: MsiloConfig,
  req: MsiloRequest,
  fromUri: string,
  toUri: string,
): UacRequest | undefined {
  const proxy = config.outboundProxy ? { outboundProxy: config.outboundProxy } : {};
  if (config.registrar !== undefined && config.fromAddress === undefined) {
    // SER / OpenSER `registrar`: fixed English text from the registrar address.
    return {
      method: 'MESSAGE',
      ruri: noticeTarget(req, fromUri, config.useContact),
      to: fromUri,
      from: config.registrar,
      headers: ['Content-Type: text/plain', `Contact: <${config.registrar}>;msilo=yes`],
      body: Buffer.from(`User [${toUri}${SER_NOTICE}`),
      ...proxy,
    };
  }
  if (config.fromAddress === undefined || config.offlineMessage === undefined) return undefined;
  if (config.skipNotificationFlag >= 0 && req.isFlagSet(config.skipNotificationFlag)) return undefined;
  const from = req.expand(config.fromAddress);
  const body = req.expand(config.offlineMessage);
  const ctype = config.contentTypeHdr === undefined ? '' : req.expand(config.contentTypeHdr);
  if (from === '' || body === '' || ctype === '') return undefined;
  const contact = config.contactHdr === undefined ? '' : req.expand(config.contactHdr);
  return {
    method: 'MESSAGE',
    ruri: noticeTarget(req, fromUri, config.useContact),
    to: fromUri,
    from,
    headers: [...headerLines(contact), ...headerLines(ctype)],
    body: Buffer.from(body),
    ...proxy,
  };
}
