// Public API of the SIP message layer.
//
//   parseMessage(buf, limits?)      bytes → { ok, message } | { ok: false, error: { status, reason, detail } }
//                                   (status 0 = drop silently); never throws
//   SipStreamFramer                 TCP/TLS byte stream → complete messages / keep-alives / framing errors
//   SipMessage                      original values (requestUri, vias, from, to, callId, cseq, contacts,
//                                   header(), headerAll(), headerValues(), routes() …) plus deferred
//                                   edits (addHeader, removeHeader, replaceHeader, removeTopValue,
//                                   setRequestUri, prependVia, setTopViaParams, setBody) applied by serialize()
//   editedView(message)             the edited message parsed again
//   buildResponse / buildRequest    messages we originate; buildErrorReply for requests that failed to parse
//   SipUri, NameAddr, Via, CSeq     component types with their parsers

export type { SipParseError } from './errors.js';
export { SipSyntaxError } from './errors.js';
export { DEFAULT_LIMITS, resolveLimits, type SipLimits } from './limits.js';
export { displayHeaderName, isListHeader, normalizeHeaderName } from './header-names.js';
export { SipParams } from './params.js';
export { SipUri, type SipUriParts } from './uri.js';
export { NameAddr, parseNameAddr, parseNameAddrList } from './name-addr.js';
export { MAGIC_COOKIE, Via, parseVia, parseViaList } from './via.js';
export { MAX_CSEQ, parseCSeq, type CSeq } from './cseq.js';
export { SipMessage, type HeaderField } from './message.js';
export { KNOWN_METHODS, editedView, parseMessage, type ParseResult } from './parse.js';
export { SipStreamFramer, type FrameEvent } from './framer.js';
export {
  buildRequest,
  buildResponse,
  type HeaderList,
  type RequestSpec,
  type ResponseOptions,
} from './build.js';
export { newBranch, newCallId, newTag } from './ids.js';
export { buildErrorReply } from './error-reply.js';
