// Stateless To tags: a per-process prefix plus a hash of the request, so a retransmission gets the
// same tag as the first reply and an ACK carrying our prefix is recognisably for a local reply.
import { createHash, randomBytes } from 'node:crypto';
import type { SipMessage } from '../../core/sip/index.js';

const PREFIX = randomBytes(4).toString('hex');

export function statelessToTag(request: SipMessage): string {
  const h = createHash('sha1');
  h.update(
    `${request.callId}\x00${request.fromTag ?? ''}\x00${request.via.branch ?? ''}\x00${request.cseq.seq}`,
  );
  return `${PREFIX}.${h.digest('hex').slice(0, 12)}`;
}

/** True for an ACK whose To tag is one of our stateless tags (the ACK of a local stateless reply). */
export function isAckForStatelessReply(request: SipMessage): boolean {
  if (request.method !== 'ACK') return false;
  const tag = request.toTag;
  return tag !== undefined && tag.startsWith(PREFIX + '.');
}
