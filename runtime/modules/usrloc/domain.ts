// The usrloc API the registrar works with: one "domain" per location table (Kamailio udomain_t).
import type { ContactInfo, UContact } from './contact.js';
import type { MatchingMode } from './record.js';

/** Exclusive access to one AoR's bindings while a REGISTER is processed. */
export interface RecordHandle {
  readonly aor: string;
  /** Current bindings, highest q first (expired ones included until the timer removes them). */
  contacts(): readonly UContact[];
  insert(contactUri: string, info: ContactInfo): Promise<UContact>;
  update(existing: UContact, info: ContactInfo): Promise<UContact>;
  remove(existing: UContact): Promise<void>;
  removeAll(): Promise<void>;
}

export interface UDomain {
  /** Table name, e.g. "location". */
  readonly name: string;
  readonly useDomain: boolean;
  readonly matchingMode: MatchingMode;
  /** Seconds within which a REGISTER with an equal CSeq counts as a retransmission. */
  readonly cseqDelay: number;
  withRecord<T>(aor: string, fn: (record: RecordHandle) => Promise<T>): Promise<T>;
  /** Snapshot of an AoR's bindings (highest q first); empty when unknown. */
  contacts(aor: string): Promise<UContact[]>;
  /** Timer work: drop expired bindings and, in write-back mode, flush pending changes. */
  timer(now: number): Promise<void>;
  /** Writes pending changes (write-back mode); a no-op elsewhere. */
  flush(): Promise<void>;
}

export interface DomainOptions {
  name: string;
  useDomain: boolean;
  matchingMode: MatchingMode;
  cseqDelay: number;
  descTimeOrder: boolean;
}
