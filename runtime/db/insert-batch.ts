// Group commits for a synchronous database: the INSERTs issued in one event-loop turn run in ONE
// transaction on setImmediate, so a burst of stored messages pays one COMMIT (and one WAL fsync) instead
// of one each. Every caller's promise settles only after that COMMIT: a 202 never precedes its row.
//
// Failure policy: a failed batch is rolled back as a whole (never half-committed). When the error belongs
// to one row (a constraint, a type mismatch, a value too big) the rows are then retried one by one, so
// only the offending caller is rejected and the others still get their ids. Any other error (busy, I/O,
// missing table) concerns the database, not a row: every caller of the batch is rejected at once, without
// retrying — retrying each row would block the event loop for a busy timeout per row.
import { unavailable } from './errors.js';
import type { SqlValue } from './executor.js';

/** What the batcher needs from the driver; both calls are synchronous and throw on failure. */
export interface BatchTarget {
  /** Run one INSERT and return its row id. */
  runInsert(sql: string, params: readonly SqlValue[]): number;
  /** Run `body` inside BEGIN … COMMIT, rolling back when it throws. */
  inTransaction(body: () => void): void;
}

interface QueuedInsert {
  readonly sql: string;
  readonly params: readonly SqlValue[];
  readonly resolve: (id: number) => void;
  readonly reject: (error: unknown) => void;
}

// Error codes of better-sqlite3 (SQLite extended codes) that a single row causes.
const ROW_LEVEL_CODES = ['SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_RANGE'];

function isRowLevel(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && ROW_LEVEL_CODES.some((prefix) => code.startsWith(prefix));
}

export class InsertBatcher {
  private queue: QueuedInsert[] = [];
  private scheduled = false;
  /** Batch transactions committed so far (tests observe batching through it). */
  committedBatches = 0;

  constructor(private readonly target: BatchTarget) {}

  insert(sql: string, params: readonly SqlValue[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ sql, params, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Commit what is queued now. Callers run it before any other statement so statements keep their order. */
  flush(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const ids: number[] = [];
    try {
      this.target.inTransaction(() => {
        for (const q of batch) ids.push(this.target.runInsert(q.sql, q.params));
      });
    } catch (error) {
      if (isRowLevel(error)) this.runOneByOne(batch);
      else for (const q of batch) q.reject(unavailable('sqlite insert', error));
      return;
    }
    this.committedBatches++;
    batch.forEach((q, i) => q.resolve(ids[i] ?? 0));
  }

  private runOneByOne(batch: readonly QueuedInsert[]): void {
    for (const q of batch) {
      try {
        q.resolve(this.target.runInsert(q.sql, q.params));
      } catch (error) {
        q.reject(unavailable('sqlite insert', error));
      }
    }
  }
}
