// Pure operations on the ordered contact list of one AoR (Kamailio urecord.c).
import type { UContact } from './contact.js';

/** Inserts keeping the list sorted by descending q (ties keep arrival order), or newest first. */
export function insertOrdered(list: UContact[], c: UContact, descTimeOrder: boolean): void {
  if (descTimeOrder) {
    list.unshift(c);
    return;
  }
  const at = list.findIndex((p) => p.q < c.q);
  if (at < 0) list.push(c);
  else list.splice(at, 0, c);
}

/** How a contact in a REGISTER is matched with a stored one (usrloc `matching_mode`). */
export type MatchingMode = 0 | 1 | 2 | 3;

export function findContact(
  list: readonly UContact[],
  uri: string,
  callid: string,
  path: string | undefined,
  mode: MatchingMode,
): UContact | undefined {
  return list.find((p) => {
    switch (mode) {
      case 1:
        return p.contact === uri && p.callid === callid;
      case 2:
        return p.contact === uri && (p.path ?? '') === (path ?? '');
      case 3:
        return p.callid === callid;
      default:
        return p.contact === uri;
    }
  });
}

/** Result of checking a REGISTER's Call-ID/CSeq against the stored binding (usrloc get_ucontact). */
export type CseqCheck = 'ok' | 'invalid-cseq' | 'retransmission';

export function checkCseq(
  stored: UContact,
  callid: string,
  cseq: number,
  now: number,
  cseqDelay: number,
): CseqCheck {
  // A different Call-ID is a new registration attempt of the same binding: always accepted.
  if (stored.callid !== callid) return 'ok';
  if (cseq < stored.cseq) return 'invalid-cseq';
  if (cseq === stored.cseq) {
    return stored.lastModified + cseqDelay > now ? 'retransmission' : 'invalid-cseq';
  }
  return 'ok';
}
