// db_mode 0 (memory), 1 (write-through) and 2 (write-back): bindings are served from memory; the
// table, when there is one, is loaded at start and kept in step (immediately or on the timer).
import { FL_MEM, isValidContact, type ContactInfo, type UContact } from './contact.js';
import type { DomainOptions, RecordHandle, UDomain } from './domain.js';
import type { LocationBackend, LocationRow } from './ports.js';
import type { MatchingMode } from './record.js';
import { insertOrdered } from './record.js';
import { AorLock } from './aor-lock.js';
import { contactToRow, rowToContact } from './rows.js';
import { nextRuid } from './ruid.js';

type PendingOp = { op: 'insert' | 'update'; row: LocationRow } | { op: 'delete'; ruid: string };

export type CachedMode = 0 | 1 | 2;

export class CachedDomain implements UDomain {
  readonly name: string;
  readonly useDomain: boolean;
  readonly matchingMode: MatchingMode;
  readonly cseqDelay: number;
  private readonly descTimeOrder: boolean;
  private readonly records = new Map<string, UContact[]>();
  /** Write-back queue keyed by ruid; insertion order is the order of the first change. */
  private readonly pending = new Map<string, PendingOp>();
  private readonly lock = new AorLock();
  private loading: Promise<void> | undefined;

  constructor(
    options: DomainOptions,
    private readonly mode: CachedMode,
    private readonly backend: LocationBackend | undefined,
  ) {
    this.name = options.name;
    this.useDomain = options.useDomain;
    this.matchingMode = options.matchingMode;
    this.cseqDelay = options.cseqDelay;
    this.descTimeOrder = options.descTimeOrder;
    if (mode !== 0 && !backend) throw new Error(`usrloc db_mode ${mode} needs a database`);
  }

  /** Loads the table into memory once (modes 1 and 2); a failed load is retried on next use. */
  load(): Promise<void> {
    if (this.mode === 0 || !this.backend) return Promise.resolve();
    if (!this.loading) {
      const backend = this.backend;
      this.loading = backend.selectAll().then(
        (rows) => {
          for (const row of rows) this.addToMemory(rowToContact(row, this.useDomain));
        },
        (err: unknown) => {
          this.loading = undefined;
          throw err;
        },
      );
    }
    return this.loading;
  }

  async withRecord<T>(aor: string, fn: (record: RecordHandle) => Promise<T>): Promise<T> {
    await this.load();
    return this.lock.run(aor, () => fn(this.handle(aor)));
  }

  async contacts(aor: string): Promise<UContact[]> {
    await this.load();
    return [...(this.records.get(aor) ?? [])];
  }

  async timer(now: number): Promise<void> {
    await this.load();
    for (const [aor, list] of this.records) {
      await this.lock.run(aor, async () => {
        for (const c of list.filter((x) => !isValidContact(x, now))) await this.removeContact(c);
      });
    }
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.mode !== 2 || !this.backend) return;
    // One change per ruid is queued, so deletions and upserts may go in any order between ruids.
    const batch = [...this.pending];
    const deletes = batch.filter(([, op]) => op.op === 'delete');
    const upserts = batch.filter(([, op]) => op.op !== 'delete');
    for (const [ruid, op] of deletes) {
      await this.apply(this.backend, op);
      this.forget(ruid, op);
    }
    if (upserts.length === 0) return;
    if (this.backend.upsertMany) {
      await this.backend.upsertMany(upserts.map(([, op]) => (op as { row: LocationRow }).row));
      for (const [ruid, op] of upserts) this.forget(ruid, op);
      return;
    }
    for (const [ruid, op] of upserts) {
      await this.apply(this.backend, op);
      this.forget(ruid, op);
    }
  }

  /** Drops a change once the database has it, unless a newer one for the ruid arrived meanwhile. */
  private forget(ruid: string, op: PendingOp): void {
    if (this.pending.get(ruid) === op) this.pending.delete(ruid);
  }

  private handle(aor: string): RecordHandle {
    return {
      aor,
      contacts: () => this.records.get(aor) ?? [],
      insert: (uri, info) => this.insertContact(aor, uri, info),
      update: (existing, info) => this.updateContact(existing, info),
      remove: (existing) => this.removeContact(existing),
      removeAll: async () => {
        for (const c of [...(this.records.get(aor) ?? [])]) await this.removeContact(c);
      },
    };
  }

  private async insertContact(aor: string, uri: string, info: ContactInfo): Promise<UContact> {
    const c: UContact = { ...info, aor, contact: uri, ruid: nextRuid() };
    await this.persist(c, { op: 'insert', row: contactToRow(c, this.useDomain) });
    this.addToMemory(c);
    return c;
  }

  private async updateContact(existing: UContact, info: ContactInfo): Promise<UContact> {
    const updated: UContact = { ...info, aor: existing.aor, contact: existing.contact, ruid: existing.ruid };
    await this.persist(updated, { op: 'update', row: contactToRow(updated, this.useDomain) });
    const list = this.records.get(existing.aor) ?? [];
    const at = list.indexOf(existing);
    if (at >= 0) list.splice(at, 1);
    // Re-insert so a changed q moves the binding to its place in the order.
    this.addToMemory(updated);
    return updated;
  }

  private async removeContact(existing: UContact): Promise<void> {
    await this.persist(existing, { op: 'delete', ruid: existing.ruid });
    const list = this.records.get(existing.aor);
    if (!list) return;
    const at = list.indexOf(existing);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.records.delete(existing.aor);
  }

  private addToMemory(c: UContact): void {
    let list = this.records.get(c.aor);
    if (!list) {
      list = [];
      this.records.set(c.aor, list);
    }
    insertOrdered(list, c, this.descTimeOrder);
  }

  /** Mode 1 writes now (an error leaves memory untouched); mode 2 queues, coalescing per ruid. */
  private async persist(c: UContact, op: PendingOp): Promise<void> {
    if (this.mode === 0 || !this.backend || (c.flags & FL_MEM) !== 0) return;
    if (this.mode === 1) {
      await this.apply(this.backend, op);
      return;
    }
    const before = this.pending.get(c.ruid);
    if (before?.op === 'insert') {
      if (op.op === 'delete') this.pending.delete(c.ruid);
      else this.pending.set(c.ruid, { op: 'insert', row: op.row });
      return;
    }
    this.pending.set(c.ruid, op);
  }

  private async apply(backend: LocationBackend, op: PendingOp): Promise<void> {
    if (op.op === 'delete') await backend.deleteByRuid(op.ruid);
    else if (op.op === 'insert') await backend.insert(op.row);
    else await backend.update(op.row);
  }
}
