// sl public surface: the script functions under their script names (generated code imports these).
export { sl_send_reply, sl_reply, send_reply, sl_reply_error, sl_filter_ACK } from './sl.js';
export { sendStatelessReply, sendModuleReply } from './sl.js';
export { internalError, type InternalError } from './errors.js';
export { statelessToTag, isAckForStatelessReply } from './to-tag.js';
