// What a driver provides to the stores: prepared-statement execution with bound values, nothing else.
// Stores build SQL text from checked identifiers only; every value travels as a bound parameter.
import type { SchemaStatement } from './schema.js';
import type { DbDriver } from './url.js';

export type SqlValue = string | number | Buffer | null;

export interface SqlExecutor {
  readonly driver: DbDriver;
  /** Run an INSERT; resolves to the new row id once committed. */
  insert(sql: string, params: readonly SqlValue[]): Promise<number>;
  /** Run an UPDATE/DELETE/upsert; resolves to the number of rows it matched. */
  write(sql: string, params: readonly SqlValue[]): Promise<number>;
  /** Run a SELECT; each row arrives as an array in select-list order and is mapped by `map`. */
  rows<T>(sql: string, params: readonly SqlValue[], map: (row: readonly unknown[]) => T): Promise<T[]>;
  /** Run DDL statements in order. */
  apply(statements: readonly SchemaStatement[]): Promise<void>;
  close(): Promise<void>;
}
