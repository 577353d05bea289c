// db_mode 3 (DB-only): no cache at all. Every read goes to the table, so several serc processes
// sharing one MySQL see each other's registrations immediately.
import type { ContactInfo, UContact } from './contact.js';
import type { DomainOptions, RecordHandle, UDomain } from './domain.js';
import type { LocationBackend } from './ports.js';
import type { MatchingMode } from './record.js';
import { insertOrdered } from './record.js';
import { AorLock } from './aor-lock.js';
import { splitAor } from './aor-key.js';
import { contactToRow, rowToContact } from './rows.js';
import { nextRuid } from './ruid.js';

export class DbOnlyDomain implements UDomain {
  readonly name: string;
  readonly useDomain: boolean;
  readonly matchingMode: MatchingMode;
  readonly cseqDelay: number;
  private readonly descTimeOrder: boolean;
  // Only serialises this process; across processes the database is the arbiter, as in Kamailio.
  private readonly lock = new AorLock();

  constructor(
    options: DomainOptions,
    private readonly backend: LocationBackend,
  ) {
    this.name = options.name;
    this.useDomain = options.useDomain;
    this.matchingMode = options.matchingMode;
    this.cseqDelay = options.cseqDelay;
    this.descTimeOrder = options.descTimeOrder;
  }

  async contacts(aor: string): Promise<UContact[]> {
    const parts = splitAor(aor, this.useDomain);
    const rows = await this.backend.selectAor(parts.username, parts.domain);
    const list: UContact[] = [];
    const byAge = this.descTimeOrder ? [...rows].sort((a, b) => a.lastModified - b.lastModified) : rows;
    for (const row of byAge) insertOrdered(list, rowToContact(row, this.useDomain), this.descTimeOrder);
    return list;
  }

  withRecord<T>(aor: string, fn: (record: RecordHandle) => Promise<T>): Promise<T> {
    return this.lock.run(aor, async () => {
      const list = await this.contacts(aor);
      return fn(this.handle(aor, list));
    });
  }

  async timer(now: number): Promise<void> {
    await this.backend.deleteExpired(now);
  }

  async flush(): Promise<void> {
    // Nothing is ever pending in DB-only mode.
  }

  private handle(aor: string, list: UContact[]): RecordHandle {
    const drop = (c: UContact): void => {
      const at = list.indexOf(c);
      if (at >= 0) list.splice(at, 1);
    };
    return {
      aor,
      contacts: () => list,
      insert: async (uri: string, info: ContactInfo) => {
        const c: UContact = { ...info, aor, contact: uri, ruid: nextRuid() };
        await this.backend.insert(contactToRow(c, this.useDomain));
        insertOrdered(list, c, this.descTimeOrder);
        return c;
      },
      update: async (existing: UContact, info: ContactInfo) => {
        const c: UContact = { ...info, aor, contact: existing.contact, ruid: existing.ruid };
        await this.backend.update(contactToRow(c, this.useDomain));
        drop(existing);
        insertOrdered(list, c, this.descTimeOrder);
        return c;
      },
      remove: async (existing: UContact) => {
        await this.backend.deleteByRuid(existing.ruid);
        drop(existing);
      },
      removeAll: async () => {
        const parts = splitAor(aor, this.useDomain);
        await this.backend.deleteAor(parts.username, parts.domain);
        list.length = 0;
      },
    };
  }
}
