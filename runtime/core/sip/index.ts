// Public API of the SIP message layer.

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
