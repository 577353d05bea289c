// Small helpers over SipUri for the script runtime: tolerant parsing and part replacement.
import { SipUri, parseNameAddr } from '../sip/index.js';

export function tryUri(text: string): SipUri | undefined {
  return text === '' ? undefined : SipUri.tryParse(text.trim());
}

/** URI inside a name-addr / header value (`"A" <sip:a@b>;tag=1` → `sip:a@b`); undefined if unparsable. */
export function uriOfNameAddr(text: string): SipUri | undefined {
  try {
    return parseNameAddr(text).uri;
  } catch {
    return tryUri(text);
  }
}

/** A copy of `uri` with some parts replaced; undefined when it is not a sip/sips URI or invalid. */
export function replaceUriParts(
  text: string,
  changes: {
    user?: string | undefined;
    password?: string | undefined;
    host?: string;
    port?: number | undefined;
  },
): string | undefined {
  const uri = tryUri(text);
  if (!uri || !uri.isSip) return undefined;
  try {
    return uri.with(changes).toString();
  } catch {
    return undefined;
  }
}
