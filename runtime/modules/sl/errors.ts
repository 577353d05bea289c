// The last internal error (Kamailio's ser_error) as sl_reply_error turns it into a reply: code and
// reason phrase as Kamailio's err2reason_phrase builds them ("<text> (<code>/SL)").
import type { ScriptError } from '../../core/script/context.js';

export type InternalError =
  | 'bad-request'
  | 'bad-uri'
  | 'bad-tuple'
  | 'bad-address'
  | 'send'
  | 'too-many-branches'
  | 'too-many-hops'
  | 'message-too-big'
  | 'canceled'
  | 'server';

const TABLE: Readonly<Record<InternalError, readonly [number, string]>> = {
  'bad-request': [400, 'Bad Request'],
  'bad-uri': [400, 'Regretfully, we were not able to process the URI'],
  'bad-tuple': [400, 'Transaction tuple incomplete'],
  'bad-address': [476, 'Unresolvable destination'],
  send: [477, 'Unfortunately error on sending to next hop occurred'],
  'too-many-branches': [500, 'Forking capacity exceeded'],
  'too-many-hops': [483, 'Too Many Hops'],
  'message-too-big': [513, 'Message too big'],
  canceled: [487, 'Request canceled'],
  server: [500, "I'm terribly sorry, server error occurred"],
};

/** The ScriptError to remember in ctx.lastError for an internal failure. */
export function internalError(kind: InternalError): ScriptError {
  const [code, text] = TABLE[kind];
  return { code, reason: `${text} (${code}/SL)` };
}
