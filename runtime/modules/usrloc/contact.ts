// One registered binding (Kamailio's ucontact_t) with every column of the `location` table.

/** q value not given by the UA; such contacts are listed without `;q=` in replies. */
export const Q_UNSPECIFIED = -1;

/** usrloc flag: the contact lives in memory only and is never written to the database. */
export const FL_MEM = 1;

export interface ContactInfo {
  /** Absolute expiry in unix seconds; 0 = permanent. */
  expires: number;
  /** q × 1000, or Q_UNSPECIFIED. */
  q: number;
  callid: string;
  cseq: number;
  flags: number;
  /** Branch flags restored on lookup. */
  cflags: number;
  userAgent: string;
  received?: string;
  path?: string;
  /** Local socket the REGISTER came in on, `proto:ip:port`. */
  socket?: string;
  /** Method bitmask (see methods.ts); undefined = all methods. */
  methods?: number;
  instance?: string;
  regId: number;
  lastModified: number;
}

export interface UContact extends ContactInfo {
  /** The AoR key the contact belongs to. */
  aor: string;
  /** Contact URI as registered. */
  contact: string;
  /** Record unique id, the key of the row in the database. */
  ruid: string;
}

/** Kamailio's VALID_CONTACT: not yet expired, or permanent. */
export function isValidContact(c: Pick<ContactInfo, 'expires'>, now: number): boolean {
  return c.expires === 0 || c.expires > now;
}
