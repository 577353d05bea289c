// Stateless To tags: a per-process prefix plus a hash of the request, so a retransmission gets the
// same tag as the first reply and an ACK carrying our prefix is recognisably for a local reply.
// The hash needs no secrecy (Kamailio uses a CRC here): two FNV-1a passes instead of a sha1 object
// per reply, which showed in profiles of REGISTER load.
import { randomBytes } from 'node:crypto';
import type { SipMessage } from '../../core/sip/index.js';

const PREFIX = randomBytes(4).toString('hex');

/** 32-bit FNV-1a of `text` from `seed`, over UTF-16 code units (the tag only has to be stable). */
function fnv1a(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function statelessToTag(request: SipMessage): string {
  const key = `${request.callId}\x00${request.fromTag ?? ''}\x00${request.via.branch ?? ''}\x00${request.cseq.seq}`;
  const high = fnv1a(key, 0x811c9dc5);
  const low = fnv1a(key, 0x5bd1e995);
  // 48 bits, as the 12 hex digits of the previous sha1 prefix.
  return `${PREFIX}.${high.toString(16).padStart(8, '0')}${(low & 0xffff).toString(16).padStart(4, '0')}`;
}

/** True for an ACK whose To tag is one of our stateless tags (the ACK of a local stateless reply). */
export function isAckForStatelessReply(request: SipMessage): boolean {
  if (request.method !== 'ACK') return false;
  const tag = request.toTag;
  return tag !== undefined && tag.startsWith(PREFIX + '.');
}
